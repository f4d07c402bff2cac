using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.Web.Tests.Live;
using LoCoPi.Web.Tests.Restart;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

/// <summary>
/// Alerts come from the committed journal through a durable cursor: a Silo process killed with
/// SIGKILL right after a watched touch is acknowledged still delivers that touch's alert after the
/// restart, exactly once, in the inbox and on the hub. Written once, run on SQLite and PostgreSQL.
/// </summary>
public abstract class WatchCrashSuite(Func<Task<LiveStorage>> createStorage) : IAsyncLifetime
{
    private const string Tenant = "mimamori";
    private const string Password = "hikari-2025-mimamori";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("locopi-watch-crash-").FullName;
    private LiveStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await createStorage();

    public Task DisposeAsync()
    {
        _storage.Dispose();
        Directory.Delete(_workDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_silo_killed_right_after_a_watched_touch_is_acknowledged_delivers_its_alert_once_after_restart()
    {
        // The same storage arguments every start, so the restart reopens the same data.
        var arguments = _storage.Arguments;
        var environment = new Dictionary<string, string> { ["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken };
        var port = SiloProcess.FreePort();
        var silo = await SiloProcess.StartAsync(port, _workDirectory, arguments, environment);
        string readerToken;
        using (var admin = new AdminApi(silo.BaseAddress, SiloFixture.AdminToken))
        {
            readerToken = await SetUpAsync(admin, silo.BaseAddress);
        }

        var familyToken = await LoginAsync(silo.BaseAddress);
        long firstSeq;
        await using (var hub = await LiveHubClient.ConnectWatchAsync(silo.BaseAddress, familyToken))
        {
            await TouchAsync(silo.BaseAddress, readerToken, "before-crash");
            firstSeq = (await NextAlertAsync(hub)).GetProperty("seq").GetInt64();
        }

        // Acknowledged, then the power is cut before (or while) the subscriber handles it.
        await TouchAsync(silo.BaseAddress, readerToken, "at-crash");
        await silo.KillAsync();
        await using (silo)
        {
        }

        await using var restarted = await SiloProcess.StartAsync(port, _workDirectory, arguments, environment);
        await using var page = await LiveHubClient.ConnectWatchAsync(restarted.BaseAddress, familyToken);
        var inbox = await WaitForInboxAsync(restarted.BaseAddress, familyToken, count: 2);
        var resumed = (await page.InvokeAsync("resume", firstSeq)).EnumerateArray().Select(a => a.Clone()).ToArray();

        Assert.Equal(2, inbox.Length);
        Assert.Equal(2, inbox.Select(a => a.GetProperty("seq").GetInt64()).Distinct().Count());
        var crashSeq = Assert.Single(resumed).GetProperty("seq").GetInt64();
        Assert.True(crashSeq > firstSeq);

        // One more touch after the restart proves the push path is live; the pushes seen by the
        // page hold no alert twice (the one from the crash is pushed at most once, or not at all
        // when the inbox stored it before the page connected; resume covered it either way).
        await TouchAsync(restarted.BaseAddress, readerToken, "after-restart");
        var pushedSeqs = new List<long>();
        long afterSeq;
        do
        {
            afterSeq = (await NextAlertAsync(page)).GetProperty("seq").GetInt64();
            pushedSeqs.Add(afterSeq);
        }
        while (afterSeq == crashSeq);

        Assert.Equal(pushedSeqs.Count, pushedSeqs.Distinct().Count());
        Assert.All(pushedSeqs, s => Assert.True(s == crashSeq || s > crashSeq));
        var final = await WaitForInboxAsync(restarted.BaseAddress, familyToken, count: 3);
        Assert.Equal(3, final.Select(a => a.GetProperty("seq").GetInt64()).Distinct().Count());
    }

    private static async Task<string> SetUpAsync(AdminApi admin, Uri baseAddress)
    {
        await admin.PutAsync($"api/v1/tenants/{Tenant}", new { name = "朝日町", timeZone = "Asia/Tokyo" });
        await admin.PutAsync($"api/v1/tenants/{Tenant}/places/bus-1", new { name = "町営バス", kind = "bus", pointsPerVisit = 0 });
        await admin.PutAsync($"api/v1/tenants/{Tenant}/residents/grandma", new { displayName = "ハナ" });
        await admin.PutAsync($"api/v1/tenants/{Tenant}/cards/c-grandma", new { residentId = "grandma" });
        using (var http = new HttpClient { BaseAddress = baseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloFixture.AdminToken);
            using var created = await http.PostAsJsonAsync(
                $"api/v1/tenants/{Tenant}/accounts", new { accountId = "son", role = "family", displayName = "息子", password = Password });
            created.EnsureSuccessStatusCode();
        }

        await admin.PutAsync($"api/v1/tenants/{Tenant}/residents/grandma/watchers/son", new { consentBy = "ハナ（本人）", consentAt = "2025-06-01T10:00:00+09:00" });
        return await admin.PutReaderAsync(Tenant, "bus-door", "bus-1", "visit");
    }

    private static async Task<string> LoginAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsJsonAsync("api/v1/login", new { tenantId = Tenant, accountId = "son", password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task TouchAsync(Uri baseAddress, string readerToken, string touchId)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readerToken);
        using var response = await http.PostAsJsonAsync("api/v1/touches", new { touchId, cardId = "c-grandma" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> NextAlertAsync(LiveHubClient hub)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var message = await hub.Messages.ReadAsync(timeout.Token);
            if (message.Target == "alert")
            {
                return message.Arguments[0];
            }
        }
    }

    /// <summary>Polls the inbox (each round a real request) until it holds at least <paramref name="count"/> alerts.</summary>
    private static async Task<JsonElement[]> WaitForInboxAsync(Uri baseAddress, string token, int count)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var alerts = (await http.GetFromJsonAsync<JsonElement>("api/v1/me/alerts", deadline.Token)).EnumerateArray().Select(a => a.Clone()).ToArray();
            if (alerts.Length >= count)
            {
                return alerts;
            }

            await Task.Yield();
        }
    }
}

public sealed class SqliteWatchCrashTests() : WatchCrashSuite(LiveStorage.SqliteAsync);

public sealed class PostgresWatchCrashTests() : WatchCrashSuite(LiveStorage.PostgresAsync);
