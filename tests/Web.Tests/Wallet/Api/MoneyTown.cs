using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

/// <summary>
/// A tenant set up for money: a shop with a pay reader, a charge point with a charge reader and
/// residents with one card each, plus the calls and checks the wallet tests repeat.
/// </summary>
public sealed class MoneyTown
{
    private MoneyTown(SiloFixture silo, Town town, HttpClient pay, HttpClient charge)
    {
        Silo = silo;
        Town = town;
        Pay = pay;
        Charge = charge;
    }

    public SiloFixture Silo { get; }

    public Town Town { get; }

    public HttpClient Admin => Town.Admin;

    /// <summary>The pay reader "pay-1" at shop "shop-1".</summary>
    public HttpClient Pay { get; }

    /// <summary>The charge reader "charge-1" at the charge point "hall".</summary>
    public HttpClient Charge { get; }

    public string Path(string rest) => Town.Path(rest);

    public static async Task<MoneyTown> CreateAsync(SiloFixture silo, int residents, string? language)
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("shop-1", pointsPerVisit: 0, kind: "shop");
        await town.PlaceAsync("hall", pointsPerVisit: 0, kind: "charge_point");
        for (var i = 1; i <= residents; i++)
        {
            await town.ResidentAsync("r" + i, "c" + i);
        }

        var pay = await town.ReaderAsync("pay-1", "shop-1", "pay", language);
        var charge = await town.ReaderAsync("charge-1", "hall", "charge", language);
        return new MoneyTown(silo, town, pay, charge);
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> PayAsync(string paymentId, string cardId, long amountYen, HttpClient? reader = null)
        => (reader ?? Pay).PostJsonAsync("/api/v1/payments", new { paymentId, cardId, amountYen });

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> ChargeAsync(string chargeId, string cardId, long amountYen, HttpClient? reader = null)
        => (reader ?? Charge).PostJsonAsync("/api/v1/charges", new { chargeId, cardId, amountYen });

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> GrantAsync(
        string grantId, string[] residentIds, long amountYen, string expiresOn = "2026-03-31", string reason = "high_school_entry", HttpClient? client = null)
        => (client ?? Admin).PostJsonAsync(Path("grants"), new { grantId, residentIds, amountYen, expiresOn, reason });

    public Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> RefundAsync(
        string refundId, string residentId, long amountYen, string reason = "moved_away", HttpClient? client = null)
        => (client ?? Admin).PostJsonAsync(Path("refunds"), new { refundId, residentId, amountYen, reason });

    /// <summary>Charges and asserts approval; returns the new balance.</summary>
    public async Task<long> ChargedAsync(string chargeId, string cardId, long amountYen)
    {
        var response = await ChargeAsync(chargeId, cardId, amountYen);
        Assert.True(response.Status == HttpStatusCode.OK, $"charge {chargeId}: {(int)response.Status} {Http.Json(response.Body)}");
        Assert.Equal(chargeId, (string?)response.Body!["chargeId"]);
        return (long)response.Body["balanceYen"]!;
    }

    /// <summary>Pays and asserts approval; returns the answer.</summary>
    public async Task<JsonNode> PaidAsync(string paymentId, string cardId, long amountYen, HttpClient? reader = null)
    {
        var response = await PayAsync(paymentId, cardId, amountYen, reader);
        Assert.True(response.Status == HttpStatusCode.OK, $"payment {paymentId}: {(int)response.Status} {Http.Json(response.Body)}");
        Assert.Equal(paymentId, (string?)response.Body!["paymentId"]);
        return response.Body;
    }

    public async Task<JsonNode> ResidentAsync(string residentId)
    {
        var response = await Admin.GetJsonAsync(Path("residents/" + residentId));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body!;
    }

    public async Task<long> BalanceAsync(string residentId) => (long)(await ResidentAsync(residentId))["balanceYen"]!;

    public async Task<long> PointsAsync(string residentId) => (long)(await ResidentAsync(residentId))["pointsBalance"]!;

    /// <summary>
    /// Payment points reach the resident through the journal (the ledger projection), a moment
    /// after the answer: waits until the balance is <paramref name="expected"/>, then checks it stays there.
    /// </summary>
    public async Task AssertPointsAsync(string residentId, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var points = await PointsAsync(residentId);
        while (points != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
            points = await PointsAsync(residentId);
        }

        Assert.Equal(expected, points);
    }

    public async Task<Ledger> LedgerAsync()
    {
        var response = await Admin.GetJsonAsync(Path("ledger/summary"));
        Assert.True(response.Status == HttpStatusCode.OK, $"ledger summary: {(int)response.Status} {Http.Json(response.Body)}");
        return Ledger.From(response.Body!);
    }

    /// <summary>
    /// Checks the identity of API.md on every read of the summary, waits until it shows what the
    /// test expects (the summary is a projection of the committed journal and may trail the
    /// answers by a moment), then checks that the wallets add up to the residents' balances.
    /// </summary>
    public async Task<Ledger> AssertLedgerAsync(Ledger expected, params string[] residentIds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var ledger = await LedgerAsync();
        while (true)
        {
            Assert.True(ledger.IdentityHolds, "identity broken: " + ledger);
            if (ledger == expected || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(25);
            ledger = await LedgerAsync();
        }

        Assert.Equal(expected, ledger);
        if (residentIds.Length > 0)
        {
            var balances = await Task.WhenAll(residentIds.Select(BalanceAsync));
            Assert.Equal(ledger.WalletsYen, balances.Sum());
        }

        return ledger;
    }
}

/// <summary>The body of <c>GET /api/v1/tenants/{t}/ledger/summary</c>.</summary>
public sealed record Ledger(
    long ChargedYen = 0, long GrantedYen = 0, long SpentYen = 0, long RefundedYen = 0, long ExpiredYen = 0, long WalletsYen = 0, long MerchantPayableYen = 0)
{
    /// <summary><c>walletsYen + merchantPayableYen = chargedYen + grantedYen − expiredYen − refundedYen</c>.</summary>
    public bool IdentityHolds => WalletsYen + MerchantPayableYen == ChargedYen + GrantedYen - ExpiredYen - RefundedYen;

    public static Ledger From(JsonNode body) => new(
        (long)body["chargedYen"]!, (long)body["grantedYen"]!, (long)body["spentYen"]!, (long)body["refundedYen"]!,
        (long)body["expiredYen"]!, (long)body["walletsYen"]!, (long)body["merchantPayableYen"]!);
}
