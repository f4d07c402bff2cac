using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Fact]
    public async Task A_charge_in_1000_yen_units_is_approved_with_the_new_balance()
    {
        var town = await MoneyTownAsync();
        var first = await town.ChargeAsync("ch-1", "c1", 1_000);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("ch-1", (string?)first.Body!["chargeId"]);
        Assert.Equal(1_000, (long)first.Body["balanceYen"]!);
        Assert.Equal(13_000, await town.ChargedAsync("ch-2", "c1", 12_000));
        await town.AssertPointsAsync("r1", 0);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 13_000, WalletsYen: 13_000), "r1", "r2");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(1_500)]
    [InlineData(10_999)]
    public async Task A_charge_that_is_not_a_multiple_of_1000_yen_is_422_charge_unit_and_changes_nothing(long amountYen)
    {
        var town = await MoneyTownAsync();
        (await town.ChargeAsync("ch-1", "c1", amountYen)).AssertProblem(HttpStatusCode.UnprocessableEntity, "charge_unit");
        Assert.Equal(0, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(), "r1");
    }

    [Fact]
    public async Task The_paid_balance_reaches_50000_yen_exactly_and_a_charge_beyond_it_is_422_balance_cap()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 30_000);

        (await town.ChargeAsync("ch-2", "c1", 21_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "balance_cap");
        (await town.ChargeAsync("ch-3", "c2", 51_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "balance_cap");
        Assert.Equal(30_000, await town.BalanceAsync("r1"));

        Assert.Equal(50_000, await town.ChargedAsync("ch-4", "c1", 20_000));
        (await town.ChargeAsync("ch-5", "c1", 1_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "balance_cap");
        Assert.Equal(50_000, await town.ChargedAsync("ch-6", "c2", 50_000));

        // Spending makes room again.
        await town.PaidAsync("p-1", "c1", 1_000);
        Assert.Equal(50_000, await town.ChargedAsync("ch-7", "c1", 1_000));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 101_000, SpentYen: 1_000, WalletsYen: 100_000, MerchantPayableYen: 1_000), "r1", "r2");
    }

    [Fact]
    public async Task The_cap_applies_to_paid_value_so_a_grant_on_top_does_not_block_a_charge_and_grants_are_spent_first()
    {
        var town = await MoneyTownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r1"], 10_000)).Status);
        Assert.Equal(60_000, await town.ChargedAsync("ch-1", "c1", 50_000));

        // ¥10,000 comes out of the grant, not the paid value: the paid value stays at the cap.
        Assert.Equal(50_000, (long)(await town.PaidAsync("p-1", "c1", 10_000))["balanceYen"]!);
        (await town.ChargeAsync("ch-2", "c1", 1_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "balance_cap");

        // Only now does spending reach the paid value and make room under the cap.
        await town.PaidAsync("p-2", "c1", 1_000);
        Assert.Equal(50_000, await town.ChargedAsync("ch-3", "c1", 1_000));
        await town.AssertLedgerAsync(
            new Ledger(ChargedYen: 51_000, GrantedYen: 10_000, SpentYen: 11_000, WalletsYen: 50_000, MerchantPayableYen: 11_000), "r1", "r2");
    }
}
