using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.Web.Live;
using Microsoft.Data.Sqlite;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary><c>--demo</c>: a newcomer sees 朝日町's counters move, and seeding survives a restart.</summary>
public sealed class DemoTests : IAsyncLifetime
{
    private LiveStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await LiveStorage.SqliteAsync();

    public Task DisposeAsync()
    {
        _storage.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_demo_seeds_asahi_and_its_counters_move_again_after_a_restart()
    {
        long first;
        await using (var silo = await LiveSilo.StartAsync(_storage, "--demo"))
        {
            first = await WaitForTouchesAsync(silo, above: 0);
        }

        // Seeding again on the same data is a no-op define-or-update; touches carry on from there.
        await using (var silo = await LiveSilo.StartAsync(_storage, "--demo"))
        {
            await WaitForTouchesAsync(silo, above: first);
        }
    }

    [Fact]
    public async Task The_demo_s_touches_carry_their_time_so_that_their_claims_are_pruned_like_a_real_reader_s()
    {
        await using (var silo = await LiveSilo.StartAsync(_storage, "--demo"))
        {
            await WaitForTouchesAsync(silo, above: 5);
        }

        // A claim without a request time is kept for good (a retry without `at` may come at any time):
        // a demo left running for weeks must not pile them up.
        using var db = new SqliteConnection($"Data Source={_storage.SqlitePath};Mode=ReadOnly");
        await db.OpenAsync();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*), count(request_us) FROM idempotency_claims WHERE scope = 'touch' AND claim_key LIKE 'demo-%'";
        using var row = await count.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        var (claims, withTime) = (row.GetInt64(0), row.GetInt64(1));
        Assert.True(claims > 0, "the demo made no touch claims");
        Assert.Equal(claims, withTime);
    }

    [Fact]
    public async Task At_three_in_the_morning_in_Japan_the_demo_still_touches_a_few_times_a_second()
    {
        var threeAmInTokyo = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddHours(18);
        await using var silo = await LiveSilo.StartAsync(_storage, new ShiftedClock(threeAmInTokyo), "--demo");
        var first = await WaitForTouchesAsync(silo, above: 0);

        // 2.5 a second make 30 in about 12 s; the old night rate (one touch in four seconds) needed two minutes.
        await WaitForTouchesAsync(silo, above: first + 30, within: TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task The_demo_opens_the_family_resident_and_town_desk_pages_with_its_printed_logins()
    {
        const string password = "demo-test-password";
        await using var silo = await LiveSilo.StartAsync(_storage, "--demo", "--Demo:Password=" + password);
        await WaitForTouchesAsync(silo, above: 0);
        using var anonymous = new HttpClient { BaseAddress = silo.BaseAddress };

        using var family = await LoginAsync(anonymous, silo, "kazoku", password);
        var watched = await family.GetFromJsonAsync<JsonElement>("/api/v1/me/watched");
        Assert.Equal(["r0001", "r0002"], watched.EnumerateArray().Select(w => w.GetProperty("residentId").GetString()).Order());

        using var resident = await LoginAsync(anonymous, silo, "jumin", password);
        var me = await resident.GetFromJsonAsync<JsonElement>("/api/v1/me/resident");
        Assert.Equal("r0001", me.GetProperty("residentId").GetString());
        Assert.Equal("朝日 はな", me.GetProperty("displayName").GetString());

        using var staff = await LoginAsync(anonymous, silo, "madoguchi", password);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await staff.GetAsync("/api/v1/staff/inactivity")).StatusCode);

        var wrong = await anonymous.PostAsJsonAsync("/api/v1/login", new { tenantId = "asahi", accountId = "kazoku", password = "guess" });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    private static async Task<HttpClient> LoginAsync(HttpClient anonymous, LiveSilo silo, string accountId, string password)
    {
        var login = await anonymous.PostAsJsonAsync("/api/v1/login", new { tenantId = "asahi", accountId, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = silo.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits for a pushed total of today's touches across asahi's places above <paramref name="above"/>.</summary>
    private static async Task<long> WaitForTouchesAsync(LiveSilo silo, long above, TimeSpan? within = null)
    {
        await using var hub = await silo.ConnectHubAsync();
        using var deadline = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var joined = await hub.InvokeAsync(LiveMessages.JoinTenant, "asahi");
        foreach (var place in joined.GetProperty("places").EnumerateArray())
        {
            Record(totals, place);
        }

        while (totals.Values.Sum() <= above)
        {
            HubMessage message;
            try
            {
                message = await hub.Messages.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException e)
            {
                throw new TimeoutException($"asahi had {totals.Values.Sum()} touches today, not above {above}, when time was up", e);
            }

            if (message.Target == LiveMessages.PlaceStats)
            {
                Record(totals, message.Arguments[0]);
            }
        }

        return totals.Values.Sum();
    }

    private static void Record(Dictionary<string, long> totals, JsonElement place)
        => totals[place.GetProperty("placeId").GetString()!] = place.GetProperty("today").GetProperty("touches").GetInt64();
}
