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
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "朝日町", timeZone = "Asia/Tokyo" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1", new { displayName = "花子" })).Status);
            var grant = await admin.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants",
                new { grantId = "g-june", residentIds = new[] { "r1" }, amountYen = 3_000, expiresOn = "2025-06-11", reason = "new_student" });
            Assert.Equal(HttpStatusCode.OK, grant.Status);
            Assert.Equal(0, await ExpiredYenAsync(admin));
        }

        await _silo.StopAsync();
        await _silo.StartAsync();

        // 2025-06-11 is the expiry date: from its start (Tokyo) the grant is no longer spendable.
        _silo.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        using var client = _silo.AdminClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await ExpiredYenAsync(client) != 3_000)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hourly sweep expired the grant");
            await Task.Delay(100);
        }

        var again = await client.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants/expiry-sweep", new { });
        Assert.Equal(0, (long)again.Body!["expiredYen"]!);
    }

    [Fact]
    public async Task A_grant_issued_before_the_sweeper_existed_is_swept_after_the_upgrade_without_a_new_grant()
    {
        using (var admin = _silo.AdminClient())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "朝日町", timeZone = "Asia/Tokyo" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1", new { displayName = "花子" })).Status);
            var grant = await admin.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants",
                new { grantId = "g-old", residentIds = new[] { "r1" }, amountYen = 2_000, expiresOn = "2025-06-11", reason = "new_student" });
            Assert.Equal(HttpStatusCode.OK, grant.Status);
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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await ExpiredYenAsync(client) != 2_000)
        {
            // The sweep is scheduled beside start-up, an hour from whenever that happens: keep time moving.
            Assert.True(DateTime.UtcNow < deadline, "the sweep scheduled at start-up expired the grant");
            _silo.Clock.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(100);
        }
    }

    private async Task<long> ExpiredYenAsync(HttpClient admin)
    {
        var summary = await admin.GetJsonAsync($"/api/v1/tenants/{Tenant}/ledger/summary");
        Assert.Equal(HttpStatusCode.OK, summary.Status);
        return (long)summary.Body!["expiredYen"]!;
    }
}
