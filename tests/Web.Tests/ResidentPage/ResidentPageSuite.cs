using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.ResidentPage;

/// <summary>
/// The resident's own data, <c>GET /api/v1/me/resident</c>, and the account link behind it, over
/// real HTTP on every storage provider. Each test makes its own tenant(s).
/// </summary>
public abstract partial class ResidentPageSuite(SiloFixture silo)
{
    protected const string Password = "asahi-2025-my-page";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected SiloFixture Silo { get; } = silo;

    /// <summary>
    /// A town with a library (10 points a visit, reader "rd-library"), a charge point "役場" with a
    /// charge reader, a shop "店 0" with a pay reader, and resident "r1" (card "c1").
    /// </summary>
    protected async Task<MyTown> MyTownAsync(string displayName = "山田 花子")
    {
        var town = await Town.CreateAsync(Silo);
        await town.PlaceAsync("library");
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("places/hall"), new { name = "役場", kind = "charge_point" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("places/shop-0"), new { name = "店 0", kind = "shop", category = "food" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("residents/r1"), new { displayName, birthYear = 1950 })).Status);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("cards/c1"), new { residentId = "r1" })).Status);
        return new MyTown(town, await town.ReaderAsync("rd-library", "library"),
            await town.ReaderAsync("rd-hall", "hall", "charge"), await town.ReaderAsync("rd-shop", "shop-0", "pay"));
    }

    protected static Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> CreateAccountAsync(
        Town town, string accountId, string role, string? residentId = null)
        => town.Admin.PostJsonAsync(town.Path("accounts"), residentId is null
            ? new { accountId, role, displayName = "利用者 " + accountId, password = Password }
            : (object)new { accountId, role, displayName = "利用者 " + accountId, password = Password, residentId });

    protected async Task<string> LoginAsync(string tenantId, string accountId)
    {
        using var client = Silo.Client();
        var response = await client.PostJsonAsync("/api/v1/login", new { tenantId, accountId, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string)response.Body!["token"]!;
    }

    /// <summary>A resident account "me" (created or replaced) linked to "r1", logged in; returns its token.</summary>
    protected async Task<string> MyLoginAsync(Town town, string residentId = "r1")
    {
        Assert.True((await CreateAccountAsync(town, "me", "resident", residentId)).Status is HttpStatusCode.Created or HttpStatusCode.OK);
        return await LoginAsync(town.TenantId, "me");
    }

    protected async Task<JsonNode> MeAsync(string token, string path = "/api/v1/me/resident")
    {
        using var client = Silo.Client(token);
        var response = await client.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body!;
    }

    /// <summary>Reads the page data until <paramref name="condition"/> holds (payment points arrive from the journal).</summary>
    protected async Task<JsonNode> MeWhenAsync(string token, Func<JsonNode, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var me = await MeAsync(token);
            if (condition(me))
            {
                return me;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the page data never reached the expected state: " + me.ToJsonString());
            await Task.Delay(20);
        }
    }

    /// <summary>The tenant-local (Asia/Tokyo) date of the fixture's clock.</summary>
    protected DateOnly TodayInTokyo()
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Silo.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);

    protected static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected sealed record MyTown(Town Town, HttpClient Library, HttpClient Charger, HttpClient Shop)
    {
        public async Task TouchAsync(string touchId)
            => Assert.Equal(HttpStatusCode.OK, (await Library.PostJsonAsync("/api/v1/touches", new { touchId, cardId = "c1" })).Status);

        public async Task ChargeAsync(string chargeId, long amountYen)
            => Assert.Equal(HttpStatusCode.OK, (await Charger.PostJsonAsync("/api/v1/charges", new { chargeId, cardId = "c1", amountYen })).Status);

        public async Task<long> PayAsync(string paymentId, long amountYen)
        {
            var response = await Shop.PostJsonAsync("/api/v1/payments", new { paymentId, cardId = "c1", amountYen });
            Assert.Equal(HttpStatusCode.OK, response.Status);
            return (long)response.Body!["pointsAwarded"]!;
        }

        public async Task GrantAsync(string grantId, long amountYen, DateOnly expiresOn)
            => Assert.Equal(HttpStatusCode.OK, (await Town.Admin.PostJsonAsync(Town.Path("grants"), new
            {
                grantId, residentIds = new[] { "r1" }, amountYen, expiresOn = Iso(expiresOn), reason = "高校入学祝い",
            })).Status);
    }
}

public sealed class SqliteResidentPageTests(SqliteSiloFixture silo) : ResidentPageSuite(silo), IClassFixture<SqliteSiloFixture>;

public sealed class PostgresResidentPageTests(PostgresSiloFixture silo) : ResidentPageSuite(silo), IClassFixture<PostgresSiloFixture>;
