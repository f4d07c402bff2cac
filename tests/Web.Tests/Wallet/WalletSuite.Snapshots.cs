using System.Net;
using LoCoPi.Grains.Wallet;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// Payments, charges, refunds and expiries append their entries to the wallet's stored snapshot;
/// the wallet is rebuilt from the snapshot plus those entries, so every yen must be where it was
/// after a restart, whichever write stored the last snapshot.
/// </summary>
public abstract partial class WalletSuite
{
    [Fact]
    public async Task A_wallet_rebuilt_from_its_snapshot_and_later_entries_has_every_bucket_as_before_the_restart()
    {
        var town = await TownAsync(residents: 1);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 30_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-soon", ["r-0"], 20_000, Today.AddDays(1))).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-later", ["r-0"], 20_000, Today.AddDays(30))).Status);

        // Enough entries for two more snapshots and then some appended ones: payments from the grants
        // and from paid value, an expiry raised by a payment, a charge, a refund and a declined payment.
        var paid = 0L;
        for (var i = 0; i < (2 * WalletGrain.SnapshotEvery) + 5; i++)
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
