using LoCoPi.Silo.Demo;

namespace LoCoPi.Silo.Hosting;

/// <summary>The demo's side of the <c>--demo</c> hook: seeding and simulated readers.</summary>
public static partial class DemoHook
{
    static partial void AddDemo(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<DemoAccounts>();
        builder.Services.AddHostedService<DemoTouchDriver>();
    }

    static partial void MapDemo(WebApplication app)
        => app.MapGet("/", () => Results.Redirect("/dashboard?tenant=" + DemoTown.TenantId)).ExcludeFromDescription();
}
