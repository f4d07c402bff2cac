using System.Net;
using LoCoPi.Grains.Watch;
using LoCoPi.Web.Tests.Live;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

public abstract partial class WatchWriteBehindSuite
{
    /// <summary>
    /// An inbox's own record keeps only the newest alerts (each write rewrites it); older ones are
    /// sealed into pages stored beside it. The inbox still lists every alert, newest first, reading
    /// the pages from storage (nothing of them stays in memory after sealing).
    /// </summary>
    [Fact]
    public async Task An_inbox_over_its_head_size_seals_older_alerts_into_pages_and_still_lists_them_all_newest_first()
    {
        var (town, reader, token) = await FamilyWatchingChildAsync();
        await using var hub = await LiveHubClient.ConnectWatchAsync(silo.BaseAddress, token);
        const int Touches = WatchInboxGrain.HeadSize + (2 * WatchInboxGrain.PageSize) + 5;
        var pushed = new List<long>();
        for (var i = 0; i < Touches; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = $"page-{i}", cardId = "c-child" })).Status);
            pushed.Add((await NextAlertAsync(hub)).GetProperty("seq").GetInt64());
        }

        // One write of them all (the interval is an hour): pages of 20 are sealed until the head is at most 40.
        await silo.Services.GetRequiredService<WatchInboxWriter>().FlushAsync(town.TenantId, CancellationToken.None);
        var stored = await StoredInboxAsync(town.TenantId, "mother");
        Assert.InRange(stored.Alerts.Count, WatchInboxGrain.PageSize, WatchInboxGrain.HeadSize);
        Assert.Equal(Touches - stored.Alerts.Count, stored.Pages.Count * WatchInboxGrain.PageSize);

        var newestFirst = pushed.OrderDescending().ToArray();
        Assert.Equal(newestFirst, (await InboxAsync(token)).Select(a => a.GetProperty("seq").GetInt64()));
        var after = newestFirst[^10];
        Assert.Equal(newestFirst.Where(s => s > after), (await InboxAsync(token, after)).Select(a => a.GetProperty("seq").GetInt64()));
        Assert.Equal(newestFirst.Where(s => s > after).Reverse(),
            (await hub.InvokeAsync("resume", after)).EnumerateArray().Select(a => a.GetProperty("seq").GetInt64()));
    }
}
