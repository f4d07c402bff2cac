using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Fact]
    public async Task A_replayed_payment_and_charge_return_the_original_answer_and_move_nothing()
    {
        var town = await MoneyTownAsync();
        var charge = await town.ChargeAsync("ch-1", "c1", 5_000);
        var payment = await town.PayAsync("p-1", "c1", 1_000);
        Silo.Clock.Advance(TimeSpan.FromMinutes(5));
        await town.ChargedAsync("ch-2", "c1", 1_000);

        var chargeReplay = await town.ChargeAsync("ch-1", "c1", 5_000);
        var paymentReplay = await town.PayAsync("p-1", "c1", 1_000);

        Assert.Equal(HttpStatusCode.OK, chargeReplay.Status);
        Assert.Equal(Http.Json(charge.Body), Http.Json(chargeReplay.Body));
        Assert.Equal(HttpStatusCode.OK, paymentReplay.Status);
        Assert.Equal(Http.Json(payment.Body), Http.Json(paymentReplay.Body));
        Assert.Equal(5_000, await town.BalanceAsync("r1"));
        await town.AssertPointsAsync("r1", 100);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 6_000, SpentYen: 1_000, WalletsYen: 5_000, MerchantPayableYen: 1_000), "r1", "r2");
    }

    [Fact]
    public async Task A_money_id_reused_with_another_amount_card_or_reader_is_409_idempotency_conflict()
    {
        var town = await MoneyTownAsync();
        await town.Town.PlaceAsync("shop-2", pointsPerVisit: 0, kind: "shop");
        var otherShop = await town.Town.ReaderAsync("pay-2", "shop-2", "pay");
        await town.ChargedAsync("ch-1", "c1", 5_000);
        await town.ChargedAsync("ch-2", "c2", 5_000);
        await town.PaidAsync("p-1", "c1", 1_000);

        (await town.PayAsync("p-1", "c1", 1_001)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.PayAsync("p-1", "c2", 1_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.PayAsync("p-1", "c1", 1_000, otherShop)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.ChargeAsync("ch-1", "c1", 2_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.ChargeAsync("ch-1", "c2", 5_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");

        await town.AssertLedgerAsync(new Ledger(ChargedYen: 10_000, SpentYen: 1_000, WalletsYen: 9_000, MerchantPayableYen: 1_000), "r1", "r2");
    }

    [Fact]
    public async Task A_declined_payment_stays_declined_with_the_same_answer_after_a_top_up()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 1_000);
        var declined = (await town.PayAsync("p-1", "c1", 3_000)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");

        await town.ChargedAsync("ch-2", "c1", 5_000);
        var replay = (await town.PayAsync("p-1", "c1", 3_000)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");

        Assert.Equal(Http.Json(declined), Http.Json(replay));
        Assert.Equal(6_000, await town.BalanceAsync("r1"));
        // A new id for the same purchase goes through.
        Assert.Equal(3_000, (long)(await town.PaidAsync("p-2", "c1", 3_000))["balanceYen"]!);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 6_000, SpentYen: 3_000, WalletsYen: 3_000, MerchantPayableYen: 3_000), "r1");
    }

    [Fact]
    public async Task Concurrent_copies_of_one_payment_are_applied_once_and_all_get_the_same_answer()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 10_000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => town.PayAsync("p-same", "c1", 700)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => Http.Json(a.Body)).Distinct());
        Assert.Equal(9_300, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 10_000, SpentYen: 700, WalletsYen: 9_300, MerchantPayableYen: 700), "r1");
    }

    [Fact]
    public async Task One_payment_id_raced_from_several_cards_is_applied_to_one_of_them_only()
    {
        var town = await MoneyTownAsync(residents: 6);
        var cards = Enumerable.Range(1, 6).Select(i => "c" + i).ToArray();
        foreach (var card in cards)
        {
            await town.ChargedAsync("ch-" + card, card, 1_000);
        }

        var answers = await Task.WhenAll(cards.Select(c => town.PayAsync("p-shared", c, 400)));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict"));
        await town.AssertLedgerAsync(
            new Ledger(ChargedYen: 6_000, SpentYen: 400, WalletsYen: 5_600, MerchantPayableYen: 400), [.. Enumerable.Range(1, 6).Select(i => "r" + i)]);
    }

    [Fact]
    public async Task Concurrent_payments_cannot_spend_the_same_yen_twice()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 1_000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => town.PayAsync("p-" + i, "c1", 100)));

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds"));
        Assert.Equal(0, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 1_000, SpentYen: 1_000, MerchantPayableYen: 1_000), "r1");
    }

    [Fact]
    public async Task Concurrent_charges_cannot_push_the_paid_value_over_the_cap()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-0", "c1", 45_000);

        var answers = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => town.ChargeAsync("ch-" + i, "c1", 1_000)));

        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertProblem(HttpStatusCode.UnprocessableEntity, "balance_cap"));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 50_000, WalletsYen: 50_000), "r1");
    }
}
