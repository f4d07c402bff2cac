using LoCoPi.Grains;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Grains.PlaceStats;
using LoCoPi.Grains.Shelters;
using LoCoPi.Grains.Wallet;
using LoCoPi.Grains.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web;
using LoCoPi.Web.Benchmarking;

namespace LoCoPi.Silo.Hosting;

/// <summary>What a node is made of, in order. Tests compose the same node through these two methods.</summary>
public static class SiloComposition
{
    public static WebApplicationBuilder AddLoCoPiSilo(this WebApplicationBuilder builder, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddLoCoPiStorage(options);
        builder.Services.AddGrainRuntime(registry =>
        {
            GrainInterfaces.Register(registry);
            GrainImplementations.Register(registry);
            PlaceStatsGrainInterfaces.Register(registry);
            PlaceStatsGrains.Register(registry);
            ShelterGrainInterfaces.Register(registry);
            ShelterGrains.Register(registry);
            WatchGrainInterfaces.Register(registry);
            WatchGrains.Register(registry);
            WalletGrainInterfaces.Register(registry);
            WalletGrains.Register(registry);
        });
        builder.Services.AddLoCoPiJournalStreams();
        builder.Services.AddTenantTimeZones();
        builder.Services.AddLoCoPiEdge();
        builder.Services.AddPlaceStats();
        builder.Services.AddShelterRosters();
        builder.Services.AddLive();
        builder.Services.AddWatchAlerts();
        builder.Services.AddWatchEdge();
        builder.Services.AddWallet();
        builder.Services.AddWalletEdge();
        builder.AddDemoIfRequested(options);
        return builder;
    }

    public static WebApplication UseLoCoPiSilo(this WebApplication app, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapLoCoPiEdge();
        app.MapLive();
        app.MapWatchEdge();
        app.MapResidentPage();
        app.MapWalletEdge();
        app.MapBenchmarkEndpoints();
        app.MapDemoIfRequested(options);
        return app;
    }
}
