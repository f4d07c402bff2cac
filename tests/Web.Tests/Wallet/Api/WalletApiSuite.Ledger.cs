using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Fact]
    public async Task A_new_tenants_ledger_summary_is_all_zero()
    {
        var town = await MoneyTownAsync();
        var response = await town.Admin.GetJsonAsync(town.Path("ledger/summary"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(new Ledger(), Ledger.From(response.Body!));
    }

    [Fact]
    public async Task The_summary_identity_holds_after_every_step_of_a_mixed_day()
    {
        var town = await MoneyTownAsync(residents: 4);
        string[] residents = ["r1", "r2", "r3", "r4"];
        var expected = new Ledger();

        async Task StepAsync(Func<Task> step, Func<Ledger, Ledger> change)
        {
            await step();
            expected = change(expected);
            await town.AssertLedgerAsync(expected, residents);
        }

        await StepAsync(() => town.ChargedAsync("ch-1", "c1", 20_000), l => l with { ChargedYen = l.ChargedYen + 20_000, WalletsYen = l.WalletsYen + 20_000 });
        await StepAsync(() => town.ChargedAsync("ch-2", "c2", 3_000), l => l with { ChargedYen = l.ChargedYen + 3_000, WalletsYen = l.WalletsYen + 3_000 });
        await StepAsync(async () => Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", residents, 10_000)).Status),
            l => l with { GrantedYen = l.GrantedYen + 40_000, WalletsYen = l.WalletsYen + 40_000 });
        await StepAsync(() => town.PaidAsync("p-1", "c1", 12_000), l => l with { SpentYen = l.SpentYen + 12_000, WalletsYen = l.WalletsYen - 12_000, MerchantPayableYen = l.MerchantPayableYen + 12_000 });
        await StepAsync(async () => (await town.PayAsync("p-2", "c2", 13_001)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds"), l => l);
        await StepAsync(() => town.PaidAsync("p-3", "c2", 13_000), l => l with { SpentYen = l.SpentYen + 13_000, WalletsYen = l.WalletsYen - 13_000, MerchantPayableYen = l.MerchantPayableYen + 13_000 });
        await StepAsync(() => town.PaidAsync("p-3", "c2", 13_000), l => l);
        await StepAsync(async () => Assert.Equal(HttpStatusCode.OK, (await town.RefundAsync("rf-1", "r1", 18_000, "moved_away")).Status),
            l => l with { RefundedYen = l.RefundedYen + 18_000, WalletsYen = l.WalletsYen - 18_000 });
        await StepAsync(async () => Assert.Equal(HttpStatusCode.OK, (await town.RefundAsync("rf-1", "r1", 18_000, "moved_away")).Status), l => l);
        await StepAsync(async () => (await town.ChargeAsync("ch-3", "c3", 2_500)).AssertProblem(HttpStatusCode.UnprocessableEntity, "charge_unit"), l => l);
        await StepAsync(() => town.PaidAsync("p-4", "c4", 10_000), l => l with { SpentYen = l.SpentYen + 10_000, WalletsYen = l.WalletsYen - 10_000, MerchantPayableYen = l.MerchantPayableYen + 10_000 });

        Assert.Equal(0, await town.BalanceAsync("r2"));
        Assert.Equal(10_000, await town.BalanceAsync("r3"));
        Assert.Equal(0, await town.BalanceAsync("r4"));
    }
}
