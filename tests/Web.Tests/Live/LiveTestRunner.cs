using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.PlaceStats;
using LoCoPi.Runtime;
using LoCoPi.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// The live surface's behaviour, run against every storage provider by thin subclasses: counters
/// from the committed journal, the stats endpoint, pushes on <c>/hubs/live</c>, and rebuilds.
/// Each test gets its own tenant and its own Silo.
/// </summary>
public abstract class LiveTestRunner(Func<Task<LiveStorage>> createStorage) : IAsyncLifetime
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..12];
    private LiveStorage _storage = null!;
    private LiveSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _storage = await createStorage();
        _silo = await LiveSilo.StartAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _storage.Dispose();
    }

    [Fact]
    public async Task A_hub_client_receives_the_place_counters_within_one_second_of_a_touch()
    {
        var reader = await DefineVisitPlaceAsync("library", residents: 1);
        await using var hub = await _silo.ConnectHubAsync();
        await hub.InvokeAsync(LiveMessages.JoinTenant, _tenant);

        var clock = Stopwatch.StartNew();
        await _silo.TouchAsync(reader, "r1");
        var update = await NextPlaceStatsAsync(hub, "library", v => v.GetProperty("today").GetProperty("touches").GetInt64() == 1);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the update took {clock.Elapsed}");
        Assert.Equal(_tenant, update.GetProperty("tenantId").GetString());
        Assert.Equal(1, update.GetProperty("today").GetProperty("visits").GetInt64());
        Assert.True(update.GetProperty("seq").GetInt64() > 0);
    }

    [Fact]
    public async Task A_burst_of_touches_is_pushed_as_far_fewer_updates_and_the_last_carries_the_highest_seq()
    {
        const int burst = 40;
        var reader = await DefineVisitPlaceAsync("station", residents: burst);
        await using var hub = await _silo.ConnectHubAsync();
        await hub.InvokeAsync(LiveMessages.JoinPlace, _tenant, "station");

        await Task.WhenAll(Enumerable.Range(1, burst).Select(n => _silo.TouchAsync(reader, "r" + n)));

        var pushes = new List<JsonElement>();
        JsonElement last;
        do
        {
            last = await NextPlaceStatsAsync(hub, "station", _ => true);
            pushes.Add(last);
        }
        while (last.GetProperty("today").GetProperty("touches").GetInt64() < burst);

        Assert.True(pushes.Count <= burst / 4, $"{pushes.Count} pushes for {burst} touches");
        var seqs = pushes.Select(p => p.GetProperty("seq").GetInt64()).ToArray();
        Assert.Equal(seqs.Order(), seqs);
        var (_, stats) = await _silo.GetStatsAsync(_tenant, "station");
        Assert.Equal(stats.GetProperty("seq").GetInt64(), seqs[^1]);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_the_admin_token()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(
            () => LiveHubClient.ConnectAsync(_silo.BaseAddress, "/hubs/live", "not-the-admin-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Joining_a_tenant_with_an_invalid_id_is_refused_with_a_message()
    {
        await using var hub = await _silo.ConnectHubAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => hub.InvokeAsync(LiveMessages.JoinTenant, "no spaces"));
        Assert.Contains("tenantId", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runtime_statistics_are_pushed_every_second_to_clients_that_join_the_runtime()
    {
        await using var hub = await _silo.ConnectHubAsync();
        await hub.InvokeAsync(LiveMessages.JoinRuntime);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var first = await NextAsync(hub, LiveMessages.RuntimeStats, deadline.Token);
        var second = await NextAsync(hub, LiveMessages.RuntimeStats, deadline.Token);

        Assert.True(second.GetProperty("time").GetDateTimeOffset() > first.GetProperty("time").GetDateTimeOffset());
        Assert.True(second.GetProperty("activations").GetInt32() > 0);
        Assert.True(second.GetProperty("callLatencyMs").GetProperty("p99").GetDouble() >= 0);
    }

    [Fact]
    public async Task Stats_count_touches_distinct_visitors_and_tenant_local_hours()
    {
        // New York, not Tokyo: an hour bucket proves the tenant's zone is used, not the server's.
        const string zone = "America/New_York";
        await _silo.DefineTenantAsync(_tenant, zone);
        await _silo.DefinePlaceAsync(_tenant, "library");
        var reader = await _silo.RegisterReaderAsync(_tenant, "library-gate", "library", "visit");
        foreach (var r in new[] { "r1", "r2" })
        {
            await _silo.DefineResidentWithCardAsync(_tenant, r);
        }

        var local = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var now = DateTimeOffset.UtcNow;
        var midnight = new DateTimeOffset(TimeZoneInfo.ConvertTime(now, local).Date, local.GetUtcOffset(now));
        var earlier = now.AddHours(-3) > midnight ? now.AddHours(-3) : midnight.AddSeconds(1);
        var touches = new (string Resident, DateTimeOffset At)[] { ("r1", earlier), ("r1", earlier.AddSeconds(5)), ("r2", now.AddSeconds(-2)) };
        var outcomes = new List<string>();
        foreach (var (resident, at) in touches)
        {
            outcomes.Add(await _silo.TouchAsync(reader, resident, at));
        }

        var stats = await _silo.WaitForStatsAsync(_tenant, "library", s => s.GetProperty("today").GetProperty("touches").GetInt64() == 3);

        var expectedVisitors = touches.Zip(outcomes).Where(p => p.Second == TouchOutcomes.Visit).Select(p => p.First.Resident).Distinct().Count();
        Assert.Equal(2, expectedVisitors);
        Assert.Equal(expectedVisitors, stats.GetProperty("today").GetProperty("visits").GetInt64());
        Assert.Equal("library", stats.GetProperty("placeId").GetString());
        Assert.False(stats.TryGetProperty("inside", out _));
        var byHour = stats.GetProperty("byHour").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(0, 24), byHour.Select(h => h.GetProperty("hour").GetInt32()));
        foreach (var group in touches.GroupBy(t => TimeZoneInfo.ConvertTime(t.At, local).Hour))
        {
            Assert.Equal(group.Count(), byHour[group.Key].GetProperty("touches").GetInt64());
        }

        Assert.Equal(3, byHour.Sum(h => h.GetProperty("touches").GetInt64()));
    }

    [Fact]
    public async Task Stats_show_who_is_inside_where_there_are_entry_and_exit_readers()
    {
        await _silo.DefineTenantAsync(_tenant);
        await _silo.DefinePlaceAsync(_tenant, "rakuchino");
        var entry = await _silo.RegisterReaderAsync(_tenant, "rakuchino-in", "rakuchino", "check_in");
        var exit = await _silo.RegisterReaderAsync(_tenant, "rakuchino-out", "rakuchino", "check_out");
        await _silo.DefineResidentWithCardAsync(_tenant, "r1");
        await _silo.DefineResidentWithCardAsync(_tenant, "r2");

        Assert.Equal("checked_in", await _silo.TouchAsync(entry, "r1"));
        Assert.Equal("checked_in", await _silo.TouchAsync(entry, "r2"));
        Assert.Equal("checked_out", await _silo.TouchAsync(exit, "r1"));

        var stats = await _silo.WaitForStatsAsync(_tenant, "rakuchino", s => s.GetProperty("today").GetProperty("touches").GetInt64() == 3);
        Assert.Equal(1, stats.GetProperty("inside").GetInt64());
        Assert.Equal(2, stats.GetProperty("today").GetProperty("visits").GetInt64());
    }

    [Fact]
    public async Task Stats_of_an_unknown_place_are_a_404_problem()
    {
        await _silo.DefineTenantAsync(_tenant);

        using var response = await _silo.Admin.GetAsync($"/api/v1/tenants/{_tenant}/places/nowhere/stats");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unknown_place", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stats_need_the_admin_token()
    {
        await _silo.DefineTenantAsync(_tenant);
        await _silo.DefinePlaceAsync(_tenant, "library");
        using var anonymous = new HttpClient { BaseAddress = _silo.BaseAddress };

        using var response = await anonymous.GetAsync($"/api/v1/tenants/{_tenant}/places/library/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Counters_rebuilt_after_a_restart_equal_the_acknowledged_touches()
    {
        var reader = await DefineVisitPlaceAsync("library", residents: 12);
        var acknowledged = new List<string>();
        for (var n = 1; n <= 12; n++)
        {
            acknowledged.Add(await _silo.TouchAsync(reader, "r" + (((n - 1) % 8) + 1)));
        }

        // Stop at once: the subscriber may not have caught up; its cursor decides where it resumes.
        await _silo.DisposeAsync();
        _silo = await LiveSilo.StartAsync(_storage);

        var visitors = acknowledged.Count(o => o == TouchOutcomes.Visit);
        var stats = await _silo.WaitForStatsAsync(_tenant, "library", s => s.GetProperty("today").GetProperty("touches").GetInt64() >= 12);
        Assert.Equal(12, stats.GetProperty("today").GetProperty("touches").GetInt64());
        Assert.Equal(visitors, stats.GetProperty("today").GetProperty("visits").GetInt64());

        // At-least-once delivery: replaying the whole journal into the subscriber changes nothing.
        var storage = _silo.Services.GetRequiredService<IGrainStorage>();
        var journal = await storage.ReadJournalAsync(_tenant, 0, 10_000, CancellationToken.None);
        await _silo.Services.GetRequiredService<PlaceStatsProjection>().OnEventsAsync(journal, CancellationToken.None);
        var (_, replayed) = await _silo.GetStatsAsync(_tenant, "library");
        Assert.Equal(12, replayed.GetProperty("today").GetProperty("touches").GetInt64());
        Assert.Equal(visitors, replayed.GetProperty("today").GetProperty("visits").GetInt64());

        acknowledged.Add(await _silo.TouchAsync(reader, "r9"));
        var after = await _silo.WaitForStatsAsync(_tenant, "library", s => s.GetProperty("today").GetProperty("touches").GetInt64() >= 13);
        Assert.Equal(13, after.GetProperty("today").GetProperty("touches").GetInt64());
        Assert.Equal(acknowledged.Count(o => o == TouchOutcomes.Visit), after.GetProperty("today").GetProperty("visits").GetInt64());
    }

    /// <summary>A tenant in Tokyo with one visit-reader place and residents r1…rN; returns the reader token.</summary>
    private async Task<string> DefineVisitPlaceAsync(string placeId, int residents)
    {
        await _silo.DefineTenantAsync(_tenant);
        await _silo.DefinePlaceAsync(_tenant, placeId);
        var token = await _silo.RegisterReaderAsync(_tenant, placeId + "-gate", placeId, "visit");
        await Task.WhenAll(Enumerable.Range(1, residents).Select(n => _silo.DefineResidentWithCardAsync(_tenant, "r" + n)));
        return token;
    }

    private static async Task<JsonElement> NextAsync(LiveHubClient hub, string target, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await hub.Messages.ReadAsync(cancellationToken);
            if (message.Target == target)
            {
                return message.Arguments[0];
            }
        }
    }

    private static async Task<JsonElement> NextPlaceStatsAsync(LiveHubClient hub, string placeId, Func<JsonElement, bool> accept)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await hub.Messages.ReadAsync(deadline.Token);
            if (message.Target == LiveMessages.PlaceStats
                && message.Arguments[0].GetProperty("placeId").GetString() == placeId
                && accept(message.Arguments[0]))
            {
                return message.Arguments[0];
            }
        }
    }
}

public sealed class LiveOnSqliteTests() : LiveTestRunner(LiveStorage.SqliteAsync);

public sealed class LiveOnPostgresTests() : LiveTestRunner(LiveStorage.PostgresAsync);
