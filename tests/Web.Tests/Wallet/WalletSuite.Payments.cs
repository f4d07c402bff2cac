using System.Net;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

public abstract partial class WalletSuite
{
    [Fact]
    public async Task Charge_then_pay_moves_money_and_awards_points()
    {
        var town = await TownAsync();
        var charged = await town.ChargeAsync("ch-1", "c-0", 10_000);
        Assert.Equal(HttpStatusCode.OK, charged.Status);
        Assert.Equal("ch-1", (string?)charged.Body!["chargeId"]);
        Assert.Equal(10_000, (long)charged.Body["balanceYen"]!);

        var paid = await town.PayAsync("shop-0", "p-1", "c-0", 3_456);
        Assert.Equal(HttpStatusCode.OK, paid.Status);
        Assert.Equal(6_544, (long)paid.Body!["balanceYen"]!);
        Assert.Equal(340, (long)paid.Body["pointsAwarded"]!);

        var summary = await town.SummaryAsync();
        Assert.Equal(10_000, (long)summary["chargedYen"]!);
        Assert.Equal(3_456, (long)summary["spentYen"]!);
        Assert.Equal(6_544, (long)summary["walletsYen"]!);
        Assert.Equal(3_456, (long)summary["merchantPayableYen"]!);
        WalletTown.AssertIdentity(summary);

        var resident = await town.Admin.GetJsonAsync(town.Town.Path("residents/r-0"));
        Assert.Equal(6_544, (long)resident.Body!["balanceYen"]!);
        Assert.Equal(340, (long)resident.Body["pointsBalance"]!);
    }

    [Fact]
    public async Task The_wallets_stored_state_keeps_no_record_per_request_and_retries_are_answered_from_the_claims()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 1_000)).Status);
        var declined = await town.PayAsync("shop-0", "p-declined", "c-0", 5_000);
        declined.AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        var first = await town.PayAsync("shop-0", "p-0", "c-0", 100);
        for (var i = 1; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", $"p-{i}", "c-0", 100)).Status);
        }

        // Each request used to leave its answer in the wallet's state for 90 days, rewritten by every
        // later write of that wallet: a resident paying ten times a day carried ~900 answers per write.
        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var stored = await storage.ReadStateAsync(
            new GrainStateKey(town.Town.TenantId, "wallet", "r-0", "state"), CancellationToken.None);
        Assert.True(stored!.Payload!.Value.Length < 200, $"wallet state is {stored.Payload.Value.Length} bytes");
        Assert.Equal("- 900 10", (await storage.ReadClaimAsync(town.Town.TenantId, "payment", "p-0", CancellationToken.None))!.Result);
        Assert.Equal("insufficient_funds 0 0",
            (await storage.ReadClaimAsync(town.Town.TenantId, "payment", "p-declined", CancellationToken.None))!.Result);

        var retry = await town.PayAsync("shop-0", "p-0", "c-0", 100);
        Assert.Equal(first.Status, retry.Status);
        Assert.Equal(first.Body!.ToJsonString(), retry.Body!.ToJsonString());
        (await town.PayAsync("shop-0", "p-declined", "c-0", 5_000)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Assert.Equal(200, (long)(await town.WalletAsync("r-0"))["balanceYen"]!);
    }

    [Fact]
    public async Task Payment_is_declined_when_balance_is_short_and_stays_declined_after_a_top_up()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 1_000)).Status);
        (await town.PayAsync("shop-0", "p-1", "c-0", 1_500)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");

        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-2", "c-0", 5_000)).Status);
        (await town.PayAsync("shop-0", "p-1", "c-0", 1_500)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Assert.Equal(6_000, (long)(await town.WalletAsync("r-0"))["balanceYen"]!);

        var fresh = await town.PayAsync("shop-0", "p-2", "c-0", 1_500);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(4_500, (long)fresh.Body!["balanceYen"]!);
    }

    [Fact]
    public async Task A_replayed_id_gets_the_first_answer_and_a_changed_body_is_a_conflict()
    {
        var town = await TownAsync();
        var first = await town.ChargeAsync("ch-1", "c-0", 2_000);
        var again = await town.ChargeAsync("ch-1", "c-0", 2_000);
        Assert.Equal(first.Status, again.Status);
        Assert.Equal(Http.Json(first.Body), Http.Json(again.Body));
        (await town.ChargeAsync("ch-1", "c-0", 3_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.ChargeAsync("ch-1", "c-1", 2_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");

        var paid = await town.PayAsync("shop-0", "p-1", "c-0", 500);
        Assert.Equal(Http.Json(paid.Body), Http.Json((await town.PayAsync("shop-0", "p-1", "c-0", 500)).Body));
        (await town.PayAsync("shop-1", "p-1", "c-0", 500)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        Assert.Equal(1_500, (long)(await town.WalletAsync("r-0"))["balanceYen"]!);
        Assert.Equal(0, (long)(await town.WalletAsync("r-1"))["balanceYen"]!);
    }

    [Fact]
    public async Task Charges_respect_the_unit_and_the_cap_and_readers_their_mode()
    {
        var town = await TownAsync();
        (await town.ChargeAsync("ch-1", "c-0", 1_500)).AssertProblem(HttpStatusCode.UnprocessableEntity, "charge_unit");
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-2", "c-0", 49_000)).Status);
        (await town.ChargeAsync("ch-3", "c-0", 2_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "balance_cap");
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-4", "c-0", 1_000)).Status);
        (await town.ChargeAsync("ch-0", "c-0", 0)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Charger.PostJsonAsync("/api/v1/charges", "{\"chargeId\":\"x\",\"cardId\":\"c-0\",\"amountYen\":1.5}"))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");

        (await town.Charger.PostJsonAsync("/api/v1/payments", new { paymentId = "p-1", cardId = "c-0", amountYen = 100 }))
            .AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
        (await town.PayReaders["shop-0"].PostJsonAsync("/api/v1/charges", new { chargeId = "ch-9", cardId = "c-0", amountYen = 1_000 }))
            .AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
        (await town.PayAsync("shop-0", "p-2", "nobody", 100)).AssertProblem(HttpStatusCode.NotFound, "unknown_card");
    }

    [Fact]
    public async Task A_suspended_card_is_refused_but_its_earlier_ids_keep_their_answers()
    {
        var town = await TownAsync();
        var charged = await town.ChargeAsync("ch-1", "c-0", 5_000);
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PostJsonAsync(town.Town.Path("cards/c-0/suspend"), new { reason = "紛失" })).Status);
        (await town.PayAsync("shop-0", "p-1", "c-0", 100)).AssertProblem(HttpStatusCode.Conflict, "card_suspended");
        var replay = await town.ChargeAsync("ch-1", "c-0", 5_000);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal(Http.Json(charged.Body), Http.Json(replay.Body));
    }

    [Fact]
    public async Task The_wallet_itself_refuses_a_suspended_card_for_a_payment_that_read_it_as_active()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 5_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PostJsonAsync(town.Town.Path("cards/c-0/suspend"), new { reason = "紛失" })).Status);

        // What a payment that passed the card check just before the suspension brings to the wallet.
        var grains = Silo.Services.GetRequiredService<IGrainFactory>();
        var wallet = grains.GetGrain<IWalletGrain>(town.Town.TenantId, "r-0");
        var reply = await wallet.PayAsync(new PaymentCommand("p-late", "hash", "c-0", "shop-0", "pay-0", 1_000, "Asia/Tokyo"));
        Assert.Equal("card_suspended", reply.ErrorCode);
        Assert.Equal(5_000, (await wallet.GetAsync()).BalanceYen);
        var other = await wallet.PayAsync(new PaymentCommand("p-other", "hash", "c-0-b", "shop-0", "pay-0", 1_000, "Asia/Tokyo"));
        Assert.Null(other.ErrorCode);
    }

    [Fact]
    public async Task Every_money_endpoint_is_in_the_openapi_document()
    {
        using var client = Silo.Client();
        var document = await client.GetJsonAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Body!["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/v1/payments", "/api/v1/charges", "/api/v1/tenants/{tenantId}/grants", "/api/v1/tenants/{tenantId}/refunds",
            "/api/v1/tenants/{tenantId}/ledger/summary", "/api/v1/tenants/{tenantId}/grants/expiry-sweep",
            "/api/v1/tenants/{tenantId}/residents/{residentId}/wallet", "/api/v1/tenants/{tenantId}/ledger/unused-balance",
            "/api/v1/tenants/{tenantId}/ledger/spend-by-category", "/api/v1/tenants/{tenantId}/merchants/{shopId}/settlement",
        })
        {
            Assert.True(paths.ContainsKey(path), path + " is missing from /openapi/v1.json");
        }

        var schemas = document.Body["components"]!["schemas"]!;
        Assert.NotNull(schemas["PaymentRequest"]!["properties"]!["paymentId"]);
        Assert.NotNull(schemas["LedgerSummaryResponse"]!["properties"]!["merchantPayableYen"]);
        Assert.NotNull(schemas["SettlementResponse"]!["properties"]!["amountYen"]);
    }

    [Fact]
    public async Task Money_problems_are_japanese_by_default_and_english_on_request()
    {
        var town = await TownAsync();
        var token = await town.Town.ReaderTokenAsync("pay-en", "shop-0", "pay");
        using var english = Silo.Client(token, "en");
        var japanese = (await town.PayAsync("shop-0", "p-1", "c-0", 100)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Assert.Contains("残高", (string)japanese["detail"]!, StringComparison.Ordinal);
        var inEnglish = (await english.PostJsonAsync("/api/v1/payments", new { paymentId = "p-2", cardId = "c-0", amountYen = 100 }))
            .AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Assert.Contains("balance", (string)inEnglish["detail"]!, StringComparison.Ordinal);
        var cap = (await town.ChargeAsync("ch-1", "c-0", 60_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "balance_cap");
        Assert.Contains("50,000円", (string)cap["detail"]!, StringComparison.Ordinal);
    }
}
