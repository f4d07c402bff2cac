using LoCoPi.Grains;
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
        builder.Services.AddGrainRuntime(registry => PlatformGrains.Register(registry));
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
