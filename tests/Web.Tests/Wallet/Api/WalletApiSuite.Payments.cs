using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Fact]
    public async Task A_payment_is_approved_with_the_new_balance_and_10_points_per_100_yen_and_owed_to_the_merchant()
    {
        var town = await MoneyTownAsync();
        Assert.Equal(5_000, await town.ChargedAsync("ch-1", "c1", 5_000));

        var paid = await town.PaidAsync("pay-1", "c1", 1_200);

        Assert.Equal(3_800, (long)paid["balanceYen"]!);
        Assert.Equal(120, (long)paid["pointsAwarded"]!);
        Assert.Equal(3_800, await town.BalanceAsync("r1"));
        await town.AssertPointsAsync("r1", 120);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, SpentYen: 1_200, WalletsYen: 3_800, MerchantPayableYen: 1_200), "r1", "r2");
    }

    [Fact]
    public async Task Points_are_awarded_per_whole_100_yen_only()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 2_000);

        Assert.Equal(120, (long)(await town.PaidAsync("p-1", "c1", 1_234))["pointsAwarded"]!);
        Assert.Equal(0, (long)(await town.PaidAsync("p-2", "c1", 99))["pointsAwarded"]!);
        await town.AssertPointsAsync("r1", 120);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 2_000, SpentYen: 1_333, WalletsYen: 667, MerchantPayableYen: 1_333), "r1");
    }

    [Fact]
    public async Task A_payment_of_exactly_the_balance_is_approved_and_one_yen_more_is_402_insufficient_funds_changing_nothing()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 3_000);
        await town.ChargedAsync("ch-2", "c2", 1_000);

        (await town.PayAsync("p-short", "c1", 3_001)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        (await town.PayAsync("p-empty", "c3-unused", 1)).AssertProblem(HttpStatusCode.NotFound, "unknown_card");
        Assert.Equal(3_000, await town.BalanceAsync("r1"));
        await town.AssertPointsAsync("r1", 0);

        var exact = await town.PaidAsync("p-exact", "c1", 3_000);
        Assert.Equal(0, (long)exact["balanceYen"]!);
        (await town.PayAsync("p-after", "c1", 1)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 4_000, SpentYen: 3_000, WalletsYen: 1_000, MerchantPayableYen: 3_000), "r1", "r2");
    }

    [Fact]
    public async Task A_wallet_that_was_never_charged_declines_with_402()
    {
        var town = await MoneyTownAsync();
        (await town.PayAsync("p-1", "c1", 100)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Assert.Equal(0, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(), "r1");
    }

    [Fact]
    public async Task An_unknown_card_is_404_and_a_suspended_card_is_409_for_payments_and_charges_and_nothing_moves()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 10_000);

        (await town.PayAsync("p-unknown", "nobody", 100)).AssertProblem(HttpStatusCode.NotFound, "unknown_card");
        (await town.ChargeAsync("ch-unknown", "nobody", 1_000)).AssertProblem(HttpStatusCode.NotFound, "unknown_card");

        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PostJsonAsync(town.Path("cards/c1/suspend"), new { reason = "lost" })).Status);
        (await town.PayAsync("p-suspended", "c1", 100)).AssertProblem(HttpStatusCode.Conflict, "card_suspended");
        (await town.ChargeAsync("ch-suspended", "c1", 1_000)).AssertProblem(HttpStatusCode.Conflict, "card_suspended");

        Assert.Equal(10_000, await town.BalanceAsync("r1"));
        await town.AssertPointsAsync("r1", 0);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 10_000, WalletsYen: 10_000), "r1", "r2");
    }

    [Fact]
    public async Task A_reissued_card_pays_from_the_same_wallet()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 10_000);
        await town.Admin.PostJsonAsync(town.Path("cards/c1/suspend"), new { reason = "reissued" });
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("cards/c1-new"), new { residentId = "r1" })).Status);

        Assert.Equal(7_000, (long)(await town.PaidAsync("p-1", "c1-new", 3_000))["balanceYen"]!);
        Assert.Equal(12_000, await town.ChargedAsync("ch-2", "c1-new", 5_000));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 15_000, SpentYen: 3_000, WalletsYen: 12_000, MerchantPayableYen: 3_000), "r1");
    }

    [Fact]
    public async Task Readers_in_the_wrong_mode_are_403_wrong_mode_for_payments_and_charges()
    {
        var town = await MoneyTownAsync();
        await town.Town.PlaceAsync("library", pointsPerVisit: 10);
        var visit = await town.Town.ReaderAsync("gate-1", "library", "visit");
        await town.ChargedAsync("ch-1", "c1", 5_000);

        (await town.PayAsync("p-1", "c1", 100, reader: town.Charge)).AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
        (await town.ChargeAsync("ch-2", "c1", 1_000, reader: town.Pay)).AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
        (await town.PayAsync("p-2", "c1", 100, reader: visit)).AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
        (await town.ChargeAsync("ch-3", "c1", 1_000, reader: visit)).AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");

        Assert.Equal(5_000, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, WalletsYen: 5_000), "r1");
        // None of the refused ids was claimed: they still work on the right reader.
        await town.PaidAsync("p-1", "c1", 100);
        await town.ChargedAsync("ch-2", "c1", 1_000);
    }

    [Fact]
    public async Task Payments_at_two_shops_are_owed_to_each_merchant_and_the_summary_adds_them_up()
    {
        var town = await MoneyTownAsync(residents: 3);
        await town.Town.PlaceAsync("shop-2", pointsPerVisit: 0, kind: "shop");
        var pay2 = await town.Town.ReaderAsync("pay-2", "shop-2", "pay");
        await town.ChargedAsync("ch-1", "c1", 10_000);
        await town.ChargedAsync("ch-2", "c2", 20_000);

        await town.PaidAsync("p-1", "c1", 1_500);
        await town.PaidAsync("p-2", "c2", 2_500, pay2);
        await town.PaidAsync("p-3", "c2", 700);

        await town.AssertLedgerAsync(
            new Ledger(ChargedYen: 30_000, SpentYen: 4_700, WalletsYen: 25_300, MerchantPayableYen: 4_700), "r1", "r2", "r3");
    }
}
