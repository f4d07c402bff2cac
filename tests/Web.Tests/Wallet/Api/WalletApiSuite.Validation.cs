using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    /// <summary>Every way a money body can be wrong; {id}, {card} and {amount} are the field names of the endpoint.</summary>
    public static TheoryData<string> BadMoneyBodies() =>
    [
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": 1000",
        "not json",
        "",
        "[]",
        "null",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\"}",
        "{\"{card}\": \"c1\", \"{amount}\": 1000}",
        "{\"{id}\": \"m1\", \"{amount}\": 1000}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": \"1000\"}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": 1000.5}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": true}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": null}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": 0}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": -1000}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": 1e40}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": 100000000000}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1\", \"{amount}\": 9223372036854775808}",
        "{\"{id}\": 7, \"{card}\": \"c1\", \"{amount}\": 1000}",
        "{\"{id}\": \"m 1\", \"{card}\": \"c1\", \"{amount}\": 1000}",
        "{\"{id}\": \"\", \"{card}\": \"c1\", \"{amount}\": 1000}",
        "{\"{id}\": \"m1\", \"{card}\": \"c1/../c2\", \"{amount}\": 1000}",
        "{\"{id}\": \"m1\", \"{card}\": \"ｃ１\", \"{amount}\": 1000}",
        "{\"{id}\": \"a0123456789012345678901234567890123456789012345678901234567890123\", \"{card}\": \"c1\", \"{amount}\": 1000}",
    ];

    [Theory]
    [MemberData(nameof(BadMoneyBodies))]
    public async Task A_malformed_payment_is_400_invalid_request_claims_nothing_and_moves_nothing(string template)
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-0", "c1", 5_000);
        var body = template.Replace("{id}", "paymentId", StringComparison.Ordinal).Replace("{card}", "cardId", StringComparison.Ordinal)
            .Replace("{amount}", "amountYen", StringComparison.Ordinal);

        (await town.Pay.SendAsync(HttpMethod.Post, "/api/v1/payments", body)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");

        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, WalletsYen: 5_000), "r1");
        await town.PaidAsync("m1", "c1", 1_000);
    }

    [Theory]
    [MemberData(nameof(BadMoneyBodies))]
    public async Task A_malformed_charge_is_400_invalid_request_claims_nothing_and_moves_nothing(string template)
    {
        var town = await MoneyTownAsync();
        var body = template.Replace("{id}", "chargeId", StringComparison.Ordinal).Replace("{card}", "cardId", StringComparison.Ordinal)
            .Replace("{amount}", "amountYen", StringComparison.Ordinal);

        (await town.Charge.SendAsync(HttpMethod.Post, "/api/v1/charges", body)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");

        await town.AssertLedgerAsync(new Ledger(), "r1");
        await town.ChargedAsync("m1", "c1", 1_000);
    }

    [Theory]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\"")]
    [InlineData("{\"residentIds\": [\"r1\"], \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [], \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": \"r1\", \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r 1\"], \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": 0, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": -5, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": 1e30, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": \"1000\", \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": 1000, \"expiresOn\": \"next year\", \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": 1000, \"reason\": \"high_school_entry\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\"}")]
    [InlineData("{\"grantId\": \"g1\", \"residentIds\": [\"r1\"], \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\", \"reason\": \" \"}")]
    [InlineData("{\"grantId\": \"g 1\", \"residentIds\": [\"r1\"], \"amountYen\": 1000, \"expiresOn\": \"2026-03-31\", \"reason\": \"high_school_entry\"}")]
    public async Task A_malformed_grant_is_400_and_grants_nothing(string body)
    {
        var town = await MoneyTownAsync();
        (await town.Admin.SendAsync(HttpMethod.Post, town.Path("grants"), body)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        await town.AssertLedgerAsync(new Ledger(), "r1", "r2");
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g1", ["r1"], 1_000)).Status);
    }

    [Theory]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"amountYen\": 1000, \"reason\": \"moved_away\"")]
    [InlineData("{\"residentId\": \"r1\", \"amountYen\": 1000, \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"amountYen\": 1000, \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"amountYen\": 1000}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"amountYen\": 1000, \"reason\": \"felt_like_it\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"amountYen\": 0, \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"amountYen\": -1000, \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"amountYen\": 10.5, \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r1\", \"amountYen\": 99999999999999999999, \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf/1\", \"residentId\": \"r1\", \"amountYen\": 1000, \"reason\": \"moved_away\"}")]
    [InlineData("{\"refundId\": \"rf1\", \"residentId\": \"r 1\", \"amountYen\": 1000, \"reason\": \"moved_away\"}")]
    public async Task A_malformed_refund_or_an_unknown_reason_code_is_400_and_refunds_nothing(string body)
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 5_000);
        (await town.Admin.SendAsync(HttpMethod.Post, town.Path("refunds"), body)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, WalletsYen: 5_000), "r1");
        Assert.Equal(HttpStatusCode.OK, (await town.RefundAsync("rf1", "r1", 1_000)).Status);
    }

    [Fact]
    public async Task An_invalid_tenant_in_a_money_path_is_400_and_an_unknown_one_404()
    {
        var admin = Silo.AdminClient();
        (await admin.GetJsonAsync("/api/v1/tenants/bad%20tenant/ledger/summary")).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await admin.GetJsonAsync("/api/v1/tenants/t-nowhere/ledger/summary")).AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
        (await admin.PostJsonAsync("/api/v1/tenants/t-nowhere/grants", new { grantId = "g1", residentIds = new[] { "r1" }, amountYen = 1000, expiresOn = "2026-03-31", reason = "high_school_entry" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
        (await admin.PostJsonAsync("/api/v1/tenants/t-nowhere/refunds", new { refundId = "rf1", residentId = "r1", amountYen = 1000, reason = "moved_away" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
    }
}
