using System.Net;
using System.Text.Json;
using LoCoPi.Grains.Watch;
using LoCoPi.Runtime;
using Microsoft.Extensions.DependencyInjection;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

public abstract partial class WatchSuite
{
    [Fact]
    public async Task Every_touch_of_a_watched_resident_reaches_the_linked_family_on_the_hub_and_in_the_inbox_once()
    {
        var (town, reader) = await TownWithChildAsync();
        await AccountAsync(town, "mother");
        await LinkAsync(town, "child", "mother");
        var token = await LoginAsync(town.TenantId, "mother");
        await using var hub = await WatchHubAsync(token);

        await TouchAsync(reader, "w1");
        await TouchAsync(reader, "w1"); // a reader's retry: the same touch, no second alert
        await TouchAsync(reader, "w2");
        var first = await NextAlertAsync(hub);
        var second = await NextAlertAsync(hub);

        Assert.Equal("child", first.GetProperty("residentId").GetString());
        Assert.Equal("さくら", first.GetProperty("displayName").GetString());
        Assert.Equal("library", first.GetProperty("placeId").GetString());
        Assert.Equal("施設 library", first.GetProperty("placeName").GetString());
        Assert.Equal("visit", first.GetProperty("kind").GetString());
        Assert.Equal("repeat_visit", second.GetProperty("kind").GetString());
        Assert.Equal(Silo.Clock.GetUtcNow(), first.GetProperty("at").GetDateTimeOffset());
        Assert.True(second.GetProperty("seq").GetInt64() > first.GetProperty("seq").GetInt64());

        var inbox = await InboxAsync(token);
        Assert.Equal([second.GetProperty("seq").GetInt64(), first.GetProperty("seq").GetInt64()], inbox.Select(a => a.GetProperty("seq").GetInt64()));
        Assert.Equal([second.GetProperty("seq").GetInt64()], (await InboxAsync(token, after: first.GetProperty("seq").GetInt64())).Select(a => a.GetProperty("seq").GetInt64()));
        Assert.False(hub.Messages.TryRead(out _));
    }

    [Fact]
    public async Task A_reconnecting_page_resumes_from_its_last_seq_and_gets_only_what_it_missed()
    {
        var (town, reader) = await TownWithChildAsync();
        await AccountAsync(town, "mother");
        await LinkAsync(town, "child", "mother");
        var token = await LoginAsync(town.TenantId, "mother");
        long lastSeen;
        await using (var hub = await WatchHubAsync(token))
        {
            await TouchAsync(reader, "r1");
            lastSeen = (await NextAlertAsync(hub)).GetProperty("seq").GetInt64();
        }

        await TouchAsync(reader, "r2");
        await TouchAsync(reader, "r3");
        await WaitForInboxAsync(token, count: 3);

        await using var again = await WatchHubAsync(token);
        var missed = await again.InvokeAsync("resume", lastSeen);
        var seqs = missed.EnumerateArray().Select(a => a.GetProperty("seq").GetInt64()).ToArray();
        Assert.Equal(2, seqs.Length);
        Assert.All(seqs, s => Assert.True(s > lastSeen));
        Assert.True(seqs[0] < seqs[1], "resume answers oldest first");
        Assert.Equal(0, (await again.InvokeAsync("resume", seqs[1])).GetArrayLength());
    }

    [Fact]
    public async Task A_family_member_without_a_link_or_from_another_tenant_receives_nothing_and_gets_403()
    {
        var (town, reader) = await TownWithChildAsync();
        await AccountAsync(town, "mother");
        await AccountAsync(town, "neighbour");
        await LinkAsync(town, "child", "mother");
        var other = await Town.CreateAsync(Silo);
        await AccountAsync(other, "mother");
        var motherToken = await LoginAsync(town.TenantId, "mother");
        var neighbourToken = await LoginAsync(town.TenantId, "neighbour");
        var strangerToken = await LoginAsync(other.TenantId, "mother");
        await using var neighbourHub = await WatchHubAsync(neighbourToken);
        await using var strangerHub = await WatchHubAsync(strangerToken);

        await TouchAsync(reader, "n1");
        // The mother's alert proves the subscriber has handled the touch for everyone.
        await WaitForInboxAsync(motherToken, count: 1);

        Assert.Empty(await InboxAsync(neighbourToken));
        Assert.Empty(await InboxAsync(strangerToken));
        Assert.False(neighbourHub.Messages.TryRead(out _));
        Assert.False(strangerHub.Messages.TryRead(out _));

        using var mother = Silo.Client(motherToken);
        var allowed = await mother.GetJsonAsync("/api/v1/me/watched/child");
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal("さくら", (string?)allowed.Body!["displayName"]);
        Assert.Equal("child", (string?)(await mother.GetJsonAsync("/api/v1/me/watched")).Body![0]!["residentId"]);
        using var neighbour = Silo.Client(neighbourToken);
        (await neighbour.GetJsonAsync("/api/v1/me/watched/child")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        using var stranger = Silo.Client(strangerToken);
        (await stranger.GetJsonAsync("/api/v1/me/watched/child")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await stranger.GetJsonAsync(town.Path("residents/child"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Removing_a_link_stops_alerts_at_once()
    {
        var (town, reader) = await TownWithChildAsync();
        await AccountAsync(town, "mother");
        await AccountAsync(town, "father");
        await LinkAsync(town, "child", "mother");
        await LinkAsync(town, "child", "father");
        var motherToken = await LoginAsync(town.TenantId, "mother");
        var fatherToken = await LoginAsync(town.TenantId, "father");

        await TouchAsync(reader, "d1");
        await WaitForInboxAsync(fatherToken, count: 1);
        Assert.Equal(HttpStatusCode.NoContent, (await town.Admin.SendAsync(HttpMethod.Delete, town.Path("residents/child/watchers/mother"))).Status);
        await TouchAsync(reader, "d2");
        await WaitForInboxAsync(fatherToken, count: 2);

        Assert.Single(await InboxAsync(motherToken));
        using var mother = Silo.Client(motherToken);
        (await mother.GetJsonAsync("/api/v1/me/watched/child")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>Waits (by polling the inbox, each round a real request) until it holds <paramref name="count"/> alerts.</summary>
    private async Task<System.Text.Json.JsonElement[]> WaitForInboxAsync(string token, int count)
    {
        using var deadline = new CancellationTokenSource(AlertTimeout);
        while (true)
        {
            var alerts = await InboxAsync(token);
            if (alerts.Length >= count)
            {
                return alerts;
            }

            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}

public abstract partial class WatchSuite
{
    /// <summary>
    /// Alerts are pushed before their inbox write commits, once per seq in a process: a batch the
    /// journal delivers again (a retry after a failed inbox write) is stored and pushed nothing twice.
    /// </summary>
    [Fact]
    public async Task A_batch_delivered_again_in_the_same_process_pushes_and_stores_nothing_twice()
    {
        var (town, reader) = await TownWithChildAsync();
        await AccountAsync(town, "mother");
        await LinkAsync(town, "child", "mother");
        var token = await LoginAsync(town.TenantId, "mother");
        await using var hub = await WatchHubAsync(token);
        await TouchAsync(reader, "again-1");
        var first = (await NextAlertAsync(hub)).GetProperty("seq").GetInt64();
        await WaitForInboxAsync(token, 1);

        // The tenant's whole journal, delivered again as a retry would deliver it.
        var journal = await Silo.Services.GetRequiredService<IGrainStorage>().ReadJournalAsync(town.TenantId, 0, 10_000, CancellationToken.None);
        Assert.Contains(journal, e => e.Seq == first);
        await Silo.Services.GetRequiredService<WatchAlertsProjection>().OnEventsAsync(journal, CancellationToken.None);

        await TouchAsync(reader, "again-2");
        var next = (await NextAlertAsync(hub)).GetProperty("seq").GetInt64();
        Assert.True(next > first, $"pushed {first} again");
        Assert.False(hub.Messages.TryRead(out _));
        var inbox = await WaitForInboxAsync(token, 2);
        Assert.Equal([next, first], inbox.Select(a => a.GetProperty("seq").GetInt64()));
    }
}
