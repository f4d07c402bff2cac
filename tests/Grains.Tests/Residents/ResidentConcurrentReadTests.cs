using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Tests.Support;

namespace LoCoPi.Grains.Tests.Residents;

/// <summary>
/// A resident is rebuilt from its snapshot plus the touches journalled after it. Reads of a fresh
/// activation are read-only calls and interleave; the rebuild must happen once, whoever reads.
/// </summary>
public sealed class ResidentConcurrentReadTests
{
    private const long PointsPerVisit = 10;

    [Fact]
    public async Task Concurrent_reads_after_a_restart_show_the_stored_points_once()
    {
        await using var host = await GrainsHost.StartAsync();
        await DefineWithFiveTouchesAsync(host);
        await host.RestartAsync();

        var resident = host.Get<IResidentGrain>("r1");
        var views = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => resident.GetAsync()));

        Assert.All(views, v => Assert.Equal(5 * PointsPerVisit, v!.PointsBalance));
    }

    [Fact]
    public async Task The_touch_after_concurrent_reads_adds_only_its_own_points_and_that_survives_a_restart()
    {
        await using var host = await GrainsHost.StartAsync();
        await DefineWithFiveTouchesAsync(host);
        await host.RestartAsync();
        var resident = host.Get<IResidentGrain>("r1");
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => resident.GetAsync()));

        var reply = await resident.RecordTouchAsync(Touch("t6", "p6"));
        await host.RestartAsync();

        Assert.Equal(6 * PointsPerVisit, reply.Result!.PointsBalance);
        Assert.Equal(6 * PointsPerVisit, (await host.Get<IResidentGrain>("r1").GetAsync())!.PointsBalance);
    }

    [Fact]
    public async Task Concurrent_reads_store_nothing()
    {
        await using var host = await GrainsHost.StartAsync();
        await DefineWithFiveTouchesAsync(host);
        await host.RestartAsync();
        var writes = host.Storage.Writes;

        var resident = host.Get<IResidentGrain>("r1");
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? resident.GetAsync() : (Task)resident.GetRecentTouchesAsync()));

        Assert.Equal(writes, host.Storage.Writes);
    }

    private static async Task DefineWithFiveTouchesAsync(GrainsHost host)
    {
        await host.Get<IResidentGrain>("r1").DefineAsync(new ResidentProfile("Hanako", 1990, null));
        await host.Get<ICardGrain>("c1").LinkAsync("r1");
        for (var i = 1; i <= 5; i++)
        {
            // Five places, each a first visit of the day: ten points each.
            var reply = await host.Get<IResidentGrain>("r1").RecordTouchAsync(Touch("t" + i, "p" + i));
            Assert.Equal(i * PointsPerVisit, reply.Result!.PointsBalance);
        }
    }

    private static TouchCommand Touch(string touchId, string placeId) => new(
        touchId, "hash-" + touchId, "c1", placeId, "reader-" + placeId, ReaderModes.Visit, PointsPerVisit,
        "Asia/Tokyo", DateTimeOffset.UtcNow);
}
