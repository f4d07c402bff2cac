using System.Net;
using System.Text.Json;
using LoCoPi.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// A payment's points cost the resident no write of its own: the payment's journal event is the
/// durable record, the resident applies it in memory, stores it with its next write, and a new
/// activation reads back the payments after the last one it stored. The node is stopped and started
/// on the same SQLite file in between, and the stored resident record is read from that file.
/// </summary>
public sealed class PaymentPointsReadBackTests : IAsyncLifetime
{
    private const string Tenant = "asahi-points";
    private readonly TickingSilo _silo = new(new DateTimeOffset(2025, 6, 10, 1, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _silo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Payment_points_are_not_written_to_the_resident_one_by_one_and_survive_a_restart_from_the_journal()
    {
        HttpClient pay;
        using (var admin = _silo.AdminClient())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "朝日町" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/places/hall", new { name = "役場", kind = "charge_point" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/places/shop", new { name = "商店", kind = "shop", category = "food" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1", new { displayName = "花子" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/cards/c1", new { residentId = "r1" })).Status);
            using var charger = _silo.Client(await ReaderTokenAsync(admin, "charger", "hall", "charge"));
            pay = _silo.Client(await ReaderTokenAsync(admin, "register", "shop", "pay"));
            Assert.Equal(HttpStatusCode.OK, (await charger.PostJsonAsync("/api/v1/charges", new { chargeId = "ch-1", cardId = "c1", amountYen = 10_000 })).Status);
        }

        var storedBefore = await StoredResidentAsync();
        for (var i = 0; i < 5; i++)
        {
            var payment = await pay.PostJsonAsync("/api/v1/payments", new { paymentId = $"p-{i}", cardId = "c1", amountYen = 300 });
            Assert.Equal(30, (long)payment.Body!["pointsAwarded"]!);
        }

        pay.Dispose();
        using (var admin = _silo.AdminClient())
        {
            await WaitForPointsAsync(admin, 150);
        }

        // Five payments, no resident write: a write per payment doubled the writes of the payment path.
        var storedAfter = await StoredResidentAsync();
        Assert.Equal(storedBefore, storedAfter);

        await _silo.StopAsync();
        Assert.Equal(storedBefore, await StoredResidentAsync());
        await _silo.StartAsync();

        using var again = _silo.AdminClient();
        var resident = await again.GetJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1");
        Assert.Equal(150, (long)resident.Body!["pointsBalance"]!);
    }

    private static async Task<string> ReaderTokenAsync(HttpClient admin, string readerId, string placeId, string mode)
    {
        var reader = await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/readers/{readerId}", new { placeId, mode });
        Assert.Equal(HttpStatusCode.Created, reader.Status);
        return (string)reader.Body!["token"]!;
    }

    private static async Task WaitForPointsAsync(HttpClient admin, long points)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((long)(await admin.GetJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1")).Body!["pointsBalance"]! != points)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the payments' {points} points reached the resident within 20 s");
            await Task.Delay(50);
        }
    }

    /// <summary>The resident's stored version and points, read from the node's SQLite file.</summary>
    private async Task<(long Version, long Points)> StoredResidentAsync()
    {
        await using var db = new SqliteConnection($"Data Source={_silo.DatabasePath};Pooling=False");
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = $"SELECT version, payload FROM grain_state WHERE tenant = '{Tenant}' AND grain_type = 'resident' AND grain_key = 'r1'";
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        using var state = JsonDocument.Parse((byte[])row.GetValue(1));
        return (row.GetInt64(0), state.RootElement.GetProperty("pointsBalance").GetInt64());
    }
}
