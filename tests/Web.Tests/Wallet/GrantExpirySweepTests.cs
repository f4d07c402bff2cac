using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// Grants expire in the ledger on their date without anyone calling the sweep endpoint: a durable
/// hourly reminder per tenant sweeps them. The clock is a <see cref="TickingClock"/>, so moving it
/// past the expiry date fires the reminder; the node is restarted on the same SQLite file in between.
/// </summary>
public sealed class GrantExpirySweepTests : IAsyncLifetime
{
    private const string Tenant = "asahi-sweep";
    // 2025-06-10 10:00 in Tokyo.
    private readonly TickingSilo _silo = new(new DateTimeOffset(2025, 6, 10, 1, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _silo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_grant_expires_in_the_ledger_on_its_date_by_itself_after_a_restart_too()
    {
        using (var admin = _silo.AdminClient())
        {
            await GrantTomorrowAsync(admin, "g-june", 3_000);
            Assert.Equal(0, await ExpiredYenAsync(admin));
        }

        await _silo.StopAsync();
        await _silo.StartAsync();

        // 2025-06-11 is the expiry date: from its start (Tokyo) the grant is no longer spendable.
        _silo.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        using var client = _silo.AdminClient();
        await WaitUntilExpiredAsync(client, 3_000, TimeSpan.Zero);

        var again = await client.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants/expiry-sweep", new { });
        Assert.Equal(0, (long)again.Body!["expiredYen"]!);
    }

    [Fact]
    public async Task A_grant_issued_before_the_sweeper_existed_is_swept_after_the_upgrade_without_a_new_grant()
    {
        using (var admin = _silo.AdminClient())
        {
            await GrantTomorrowAsync(admin, "g-old", 2_000);
        }

        // What a database written by a build without the sweeper holds: the grant, no sweeper, no reminder.
        await _silo.StopAsync();
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_silo.DatabasePath};Pooling=False"))
        {
            await db.OpenAsync();
            await using var forget = db.CreateCommand();
            forget.CommandText = "DELETE FROM reminders WHERE grain_type = 'grant-expiry-sweeper'; DELETE FROM grain_state WHERE grain_type = 'grant-expiry-sweeper'";
            Assert.Equal(2, await forget.ExecuteNonQueryAsync());
        }

        await _silo.StartAsync();
        _silo.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        using var client = _silo.AdminClient();
        // The sweep is scheduled beside start-up, an hour from whenever that happens: keep time moving.
        await WaitUntilExpiredAsync(client, 2_000, TimeSpan.FromMinutes(10));
    }

    /// <summary>Polls the ledger for 20 s until <paramref name="yen"/> expired, moving the clock by <paramref name="tick"/> each time.</summary>
    private async Task WaitUntilExpiredAsync(HttpClient admin, long yen, TimeSpan tick)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await ExpiredYenAsync(admin) != yen)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the hourly sweep expired ¥{yen} within 20 s");
            _silo.Clock.Advance(tick);
            await Task.Delay(100);
        }
    }

    /// <summary>The tenant, resident r1, and a grant to r1 that expires on 2025-06-11, the day after the clock's start.</summary>
    private static async Task GrantTomorrowAsync(HttpClient admin, string grantId, long amountYen)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "朝日町", timeZone = "Asia/Tokyo" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1", new { displayName = "花子" })).Status);
        var grant = await admin.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants",
            new { grantId, residentIds = new[] { "r1" }, amountYen, expiresOn = "2025-06-11", reason = "new_student" });
        Assert.Equal(HttpStatusCode.OK, grant.Status);
    }

    private async Task<long> ExpiredYenAsync(HttpClient admin)
    {
        var summary = await admin.GetJsonAsync($"/api/v1/tenants/{Tenant}/ledger/summary");
        Assert.Equal(HttpStatusCode.OK, summary.Status);
        return (long)summary.Body!["expiredYen"]!;
    }
}
