using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.Tests.Support;

namespace LoCoPi.Grains.Tests.PlaceStats;

public sealed class PlaceDirectoryTests
{
    [Fact]
    public async Task A_place_whose_first_write_failed_is_stored_by_the_retry()
    {
        await using var host = await GrainsHost.StartAsync();
        var directory = host.Get<IPlaceStatsDirectoryGrain>(IPlaceStatsDirectoryGrain.Key);
        await directory.AddPlacesAsync(["library"]);

        host.Storage.FailNextWrite();
        await Assert.ThrowsAsync<IOException>(() => directory.AddPlacesAsync(["gym"]));
        await host.Get<IPlaceStatsDirectoryGrain>(IPlaceStatsDirectoryGrain.Key).AddPlacesAsync(["gym"]);
        await host.RestartAsync();

        Assert.Equal(["gym", "library"], await host.Get<IPlaceStatsDirectoryGrain>(IPlaceStatsDirectoryGrain.Key).GetPlacesAsync());
    }
}
