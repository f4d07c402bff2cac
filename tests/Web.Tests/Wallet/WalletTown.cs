using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>A tenant with shops, a charge point, their readers and residents with cards, and money helpers.</summary>
public sealed class WalletTown
{
    private readonly Dictionary<string, HttpClient> _payReaders = new(StringComparer.Ordinal);

    private WalletTown(Town town, HttpClient charger)
    {
        Town = town;
        Charger = charger;
    }

    public Town Town { get; }

    public HttpClient Admin => Town.Admin;

    /// <summary>The charge reader at the town hall.</summary>
    public HttpClient Charger { get; }

    public IReadOnlyDictionary<string, HttpClient> PayReaders => _payReaders;

    /// <summary>Shops "shop-0".. with categories cycling through food, retail, service; residents "r-{i}" holding cards "c-{i}" and "c-{i}-b".</summary>
    public static async Task<WalletTown> CreateAsync(SiloFixture silo, int shops, int residents)
    {
        var town = await Town.CreateAsync(silo);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("places/hall"),
            new { name = "役場", kind = "charge_point" })).Status);
        var charger = await town.ReaderAsync("charger", "hall", "charge");
        var wallet = new WalletTown(town, charger);
        string[] categories = ["food", "retail", "service"];
        for (var i = 0; i < shops; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path($"places/shop-{i}"),
                new { name = $"店 {i}", kind = "shop", category = categories[i % categories.Length] })).Status);
            wallet._payReaders[$"shop-{i}"] = await town.ReaderAsync($"pay-{i}", $"shop-{i}", "pay");
        }

        for (var i = 0; i < residents; i++)
        {
            await town.ResidentAsync($"r-{i}", $"c-{i}", $"c-{i}-b");
        }

        return wallet;
    }

    /// <summary>
    /// The same tenant, readers and tokens, talking to the node that replaced the one these clients
    /// knew (after <see cref="SiloFixture.RestartAsync"/>, which listens on a new port).
    /// </summary>
    public WalletTown Reconnect(SiloFixture silo)
    {
        var town = new WalletTown(new Town(silo, Town.TenantId), Rebind(Charger, silo));
        foreach (var (shopId, reader) in _payReaders)
        {
            town._payReaders[shopId] = Rebind(reader, silo);
        }

        return town;
    }

    private static HttpClient Rebind(HttpClient client, SiloFixture silo)
    {
        var rebound = new HttpClient { BaseAddress = silo.BaseAddress };
        rebound.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return rebound;
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> ChargeAsync(string chargeId, string cardId, long amountYen)
        => Charger.PostJsonAsync("/api/v1/charges", new { chargeId, cardId, amountYen });

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> PayAsync(string shopId, string paymentId, string cardId, long amountYen)
        => _payReaders[shopId].PostJsonAsync("/api/v1/payments", new { paymentId, cardId, amountYen });

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> GrantAsync(
        string grantId, IReadOnlyList<string> residentIds, long amountYen, DateOnly expiresOn, string reason = "高校入学祝い")
        => Admin.PostJsonAsync(Town.Path("grants"), new { grantId, residentIds, amountYen, expiresOn = expiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason });

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> RefundAsync(
        string refundId, string residentId, long amountYen, string reason = "moved_away")
        => Admin.PostJsonAsync(Town.Path("refunds"), new { refundId, residentId, amountYen, reason });

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> SweepAsync()
        => Admin.PostJsonAsync(Town.Path("grants/expiry-sweep"), new { });

    public async Task<JsonNode> SummaryAsync()
    {
        var response = await Admin.GetJsonAsync(Town.Path("ledger/summary"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body!;
    }

    public async Task<JsonNode> WalletAsync(string residentId)
    {
        var response = await Admin.GetJsonAsync(Town.Path($"residents/{residentId}/wallet"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body!;
    }

    /// <summary>API.md's identity on one summary.</summary>
    public static void AssertIdentity(JsonNode s)
        => Assert.True(
            (long)s["walletsYen"]! + (long)s["merchantPayableYen"]!
                == (long)s["chargedYen"]! + (long)s["grantedYen"]! - (long)s["expiredYen"]! - (long)s["refundedYen"]!,
            "ledger identity broken: " + s.ToJsonString());
}
