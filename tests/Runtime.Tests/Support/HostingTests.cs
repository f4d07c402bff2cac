using LoCoPi.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoCoPi.Runtime.Tests.Support;

public sealed class HostingTests
{
    [Fact]
    public async Task A_host_starts_the_runtime_and_stops_it_gracefully()
    {
        var probe = new Probe();
        var storage = new MemoryGrainStorage();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IGrainStorage>(storage);
        builder.Services.AddGrainRuntime(registry => TestGrains.Register(registry, probe), o => o.DefaultCallTimeout = TimeSpan.FromSeconds(5));
        using var host = builder.Build();

        await host.StartAsync();
        var counter = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("t1", "c1");
        Assert.Equal(1, await counter.IncrementAsync());
        await host.StopAsync();

        Assert.Equal(1, probe.Deactivations);
        Assert.Equal(DeactivationReason.RuntimeStopping, probe.LastDeactivationReason);
        Assert.NotNull(await storage.ReadStateAsync(new GrainStateKey("t1", "counter", "c1", "state"), default));
    }
}
