using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// A restart keeps every yen where it was: after grants, many payments (from grants and from paid
/// value), an expiry raised by a payment, a charge, a refund and a decline, the reloaded wallet and
/// the ledger summary equal what was answered before.
/// </summary>
public abstract partial class WalletSuite
{
    [Fact]
    public async Task A_wallet_reloaded_after_a_restart_has_every_bucket_and_the_ledger_as_before()
    {
        var town = await TownAsync(residents: 1);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 30_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-soon", ["r-0"], 20_000, Today.AddDays(1))).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-later", ["r-0"], 20_000, Today.AddDays(30))).Status);

        // Payments from the grants and from paid value, an expiry raised by a payment, a charge, a
        // refund and a declined payment.
        var paid = 0L;
        for (var i = 0; i < 69; i++)
        {
            if (i == 40)
            {
                Silo.Clock.Advance(TimeSpan.FromDays(1));
            }

            var amount = 150 + (i * 7);
            Assert.Equal(HttpStatusCode.OK, (await town.PayAsync($"shop-{i % 2}", $"p-{i}", "c-0", amount)).Status);
            paid += amount;
        }

        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-2", "c-0", 2_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.RefundAsync("rf-1", "r-0", 1_000)).Status);
        (await town.PayAsync("shop-0", "p-too-much", "c-0", 99_000)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        var before = await town.WalletAsync("r-0");
        var summaryBefore = await town.SummaryAsync();

        await Silo.RestartAsync();

        town = town.Reconnect(Silo);
        Assert.Equal(Http.Json(before), Http.Json(await town.WalletAsync("r-0")));
        var summary = await town.SummaryAsync();
        Assert.Equal(Http.Json(summaryBefore), Http.Json(summary));
        Assert.Equal(paid, (long)summary["spentYen"]!);
        WalletTown.AssertIdentity(summary);
        var balance = (long)before["balanceYen"]!;
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-1", "p-after", "c-0", balance)).Status);
        Assert.Equal(0, (long)(await town.WalletAsync("r-0"))["balanceYen"]!);
    }
}
