using LoCoPi.Grains;
using LoCoPi.Grains.Interfaces;
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
        });
        builder.Services.AddLoCoPiEdge();
        builder.AddDemoIfRequested(options);
        return builder;
    }

    public static WebApplication UseLoCoPiSilo(this WebApplication app, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapLoCoPiEdge();
        app.MapBenchmarkEndpoints();
        app.MapDemoIfRequested(options);
        return app;
    }
}
