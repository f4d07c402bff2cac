using System.Net;
using System.Text.Json;
using LoCoPi.Grains.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Live;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

/// <summary>
/// Family inboxes are written behind the pushes (<see cref="WatchInboxWriter"/>). Here the write
/// interval is an hour, so only an explicit flush writes: an alert is pushed and listed (inbox and
/// resume) while its inbox write has not happened, and the journal cursor does not pass it until
/// it is stored — a crash before then repeats it. Written once, run on SQLite and PostgreSQL.
/// </summary>
public abstract partial class WatchWriteBehindSuite(SiloFixture silo)
{
    private const string Password = "hikari-2025-mimamori";

    [Fact]
    public async Task An_alert_is_pushed_and_listed_before_its_inbox_write_and_the_cursor_waits_for_that_write()
    {
        var (town, reader, token) = await FamilyWatchingChildAsync();
        await using var hub = await LiveHubClient.ConnectWatchAsync(silo.BaseAddress, token);

        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "behind-1", cardId = "c-child" })).Status);
        var seq = (await NextAlertAsync(hub)).GetProperty("seq").GetInt64();

        // Listed although not stored: the inbox answers from the writer's queue.
        Assert.Equal([seq], (await InboxAsync(token)).Select(a => a.GetProperty("seq").GetInt64()));
        Assert.Equal([seq], (await hub.InvokeAsync("resume", 0L)).EnumerateArray().Select(a => a.GetProperty("seq").GetInt64()));
        Assert.Empty((await StoredInboxAsync(town.TenantId, "mother")).Alerts);
        // Well past the cursor interval (1 s) the cursor still stops before the unwritten alert.
        await Task.Delay(TimeSpan.FromMilliseconds(2500));
        Assert.True((await CursorAsync(town.TenantId) ?? 0) < seq, "the cursor passed an alert not yet in its inbox");

        await silo.Services.GetRequiredService<WatchInboxWriter>().FlushAsync(town.TenantId, CancellationToken.None);
        Assert.Equal([seq], (await StoredInboxAsync(town.TenantId, "mother")).Alerts.Select(a => a.Seq));
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while ((await CursorAsync(town.TenantId) ?? 0) < seq)
            {
                await Task.Delay(100, deadline.Token); // the cursor passes the stored alert within its interval
            }
        }

        Assert.Equal([seq], (await InboxAsync(token)).Select(a => a.GetProperty("seq").GetInt64()));
    }

    /// <summary>A town where "mother" (logged in: the token) watches "child", who has card c-child; a library reader.</summary>
    private async Task<(Town Town, HttpClient Reader, string Token)> FamilyWatchingChildAsync()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("residents/child"), new { displayName = "さくら" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("cards/c-child"), new { residentId = "child" })).Status);
        var reader = await town.ReaderAsync("rd-library", "library");
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PostJsonAsync(
            town.Path("accounts"), new { accountId = "mother", role = "family", displayName = "母", password = Password })).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PutJsonAsync(
            town.Path("residents/child/watchers/mother"), new { consentBy = "母", consentAt = "2025-06-01T10:00:00+09:00" })).Status);
        using var client = silo.Client();
        var token = (string)(await client.PostJsonAsync("/api/v1/login", new { tenantId = town.TenantId, accountId = "mother", password = Password })).Body!["token"]!;
        return (town, reader, token);
    }

    private async Task<WatchInboxState> StoredInboxAsync(string tenant, string accountId)
    {
        var stored = await silo.Services.GetRequiredService<IGrainStorage>().ReadStateAsync(
            new GrainStateKey(tenant, "watch-inbox", accountId, "state"), CancellationToken.None);
        return stored?.Payload is { } payload ? silo.Services.GetRequiredService<IGrainSerializer>().DeserializeState<WatchInboxState>(payload) : new();
    }

    private Task<long?> CursorAsync(string tenant) => silo.Services.GetRequiredService<IGrainStorage>().ReadCursorAsync(
        WatchAlertsProjection.SubscriberName, tenant, CancellationToken.None);

    private async Task<JsonElement[]> InboxAsync(string token, long? after = null)
    {
        using var client = silo.Client(token);
        var response = await client.GetJsonAsync("/api/v1/me/alerts" + (after is { } a ? "?after=" + a : ""));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return [.. JsonDocument.Parse(response.Body!.ToJsonString()).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static async Task<JsonElement> NextAlertAsync(LiveHubClient hub)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await hub.Messages.ReadAsync(timeout.Token);
            if (message.Target == "alert")
            {
                return message.Arguments[0];
            }
        }
    }
}

/// <summary>Family inboxes written only when flushed (an hour's interval), on SQLite.</summary>
public sealed class SqliteFlushOnlyInboxSilo : SqliteSiloFixture
{
    protected override string[] SettingArguments => ["--Watch:InboxWriteInterval=01:00:00"];
}

/// <summary>Family inboxes written only when flushed (an hour's interval), on PostgreSQL.</summary>
public sealed class PostgresFlushOnlyInboxSilo : PostgresSiloFixture
{
    protected override string[] SettingArguments => ["--Watch:InboxWriteInterval=01:00:00"];
}

public sealed class SqliteWatchWriteBehindTests(SqliteFlushOnlyInboxSilo silo)
    : WatchWriteBehindSuite(silo), IClassFixture<SqliteFlushOnlyInboxSilo>;

public sealed class PostgresWatchWriteBehindTests(PostgresFlushOnlyInboxSilo silo)
    : WatchWriteBehindSuite(silo), IClassFixture<PostgresFlushOnlyInboxSilo>;
