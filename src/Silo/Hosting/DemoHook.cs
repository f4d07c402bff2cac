namespace LoCoPi.Silo.Hosting;

/// <summary>
/// The <c>--demo</c> hook. The demo itself belongs to the live-pages work (src/Silo/Demo): it
/// implements these partial methods in its own file (<c>static partial class DemoHook</c>), so
/// neither side edits the other's code. Without an implementation the calls compile away.
/// </summary>
public static partial class DemoHook
{
    public static WebApplicationBuilder AddDemoIfRequested(this WebApplicationBuilder builder, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Demo)
        {
            AddDemo(builder);
        }

        return builder;
    }

    public static WebApplication MapDemoIfRequested(this WebApplication app, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Demo)
        {
            MapDemo(app);
        }

        return app;
    }

    /// <summary>Registers the demo's services (seeding, simulated readers).</summary>
    static partial void AddDemo(WebApplicationBuilder builder);

    /// <summary>Maps the demo's endpoints or pages, if any.</summary>
    static partial void MapDemo(WebApplication app);
}
