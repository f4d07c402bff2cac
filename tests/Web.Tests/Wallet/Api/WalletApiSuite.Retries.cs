using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Fact]
    public async Task A_retry_after_the_card_was_suspended_still_gets_its_first_answer_approved_or_declined()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 2_000);
        var approved = await town.PayAsync("p-ok", "c1", 1_500);
        var declined = (await town.PayAsync("p-short", "c1", 1_000)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PostJsonAsync(town.Path("cards/c1/suspend"), new { reason = "lost" })).Status);

        var approvedRetry = await town.PayAsync("p-ok", "c1", 1_500);
        var declinedRetry = await town.PayAsync("p-short", "c1", 1_000);

        Assert.Equal(HttpStatusCode.OK, approvedRetry.Status);
        Assert.Equal(Http.Json(approved.Body), Http.Json(approvedRetry.Body));
        Assert.Equal(Http.Json(declined), Http.Json(declinedRetry.AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds")));
        (await town.PayAsync("p-new", "c1", 100)).AssertProblem(HttpStatusCode.Conflict, "card_suspended");
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 2_000, SpentYen: 1_500, WalletsYen: 500, MerchantPayableYen: 1_500), "r1");
    }

    [Fact]
    public async Task A_payment_refused_for_an_unknown_card_claims_nothing_and_its_id_works_once_the_card_is_registered()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 2_000);
        (await town.PayAsync("p-1", "c-new", 500)).AssertProblem(HttpStatusCode.NotFound, "unknown_card");

        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("cards/c-new"), new { residentId = "r1" })).Status);

        Assert.Equal(1_500, (long)(await town.PaidAsync("p-1", "c-new", 500))["balanceYen"]!);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 2_000, SpentYen: 500, WalletsYen: 1_500, MerchantPayableYen: 500), "r1");
    }

    [Fact]
    public async Task Concurrent_refunds_cannot_pay_out_the_same_yen_twice()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 5_000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => town.RefundAsync("rf-" + i, "r1", 5_000)));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid"));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, RefundedYen: 5_000), "r1");
    }

    [Fact]
    public async Task One_grant_id_raced_with_two_different_bodies_grants_one_of_them_only()
    {
        var town = await MoneyTownAsync(residents: 4);
        var answers = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => i % 2 == 0
                ? town.GrantAsync("g-race", ["r1", "r2"], 1_000)
                : town.GrantAsync("g-race", ["r3", "r4"], 2_000)));

        var winners = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        Assert.NotEmpty(winners);
        Assert.Single(winners.Select(a => Http.Json(a.Body)).Distinct());
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict"));
        var ledger = await town.LedgerAsync();
        Assert.True(ledger.GrantedYen is 2_000 or 4_000, ledger.ToString());
        await town.AssertLedgerAsync(new Ledger(GrantedYen: ledger.GrantedYen, WalletsYen: ledger.GrantedYen), "r1", "r2", "r3", "r4");
    }

    [Fact]
    public async Task A_grant_to_more_than_10000_residents_is_400()
    {
        var town = await MoneyTownAsync();
        var residents = Enumerable.Range(0, 10_001).Select(i => "r" + i).ToArray();
        (await town.GrantAsync("g-huge", residents, 1_000)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        await town.AssertLedgerAsync(new Ledger(), "r1", "r2");
    }
}
