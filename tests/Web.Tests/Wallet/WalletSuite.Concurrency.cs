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
    public async Task The_same_payment_sent_at_once_many_times_is_applied_once_with_one_answer()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 10_000)).Status);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => town.PayAsync("shop-0", "p-1", "c-0", 1_000)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => Http.Json(a.Body)).Distinct());
        Assert.Equal(9_000, (long)(await town.WalletAsync("r-0"))["balanceYen"]!);
    }

    [Fact]
    public async Task One_payment_id_from_two_residents_at_once_is_applied_to_one_wallet_only()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 10_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-2", "c-1", 10_000)).Status);
        var answers = await Task.WhenAll(
            town.PayAsync("shop-0", "p-1", "c-0", 1_000), town.PayAsync("shop-0", "p-1", "c-1", 1_000));
        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Single(answers, a => a.Status == HttpStatusCode.Conflict && (string?)a.Body!["code"] == "idempotency_conflict");
        var balances = new[] { (long)(await town.WalletAsync("r-0"))["balanceYen"]!, (long)(await town.WalletAsync("r-1"))["balanceYen"]! };
        Assert.Equal(19_000, balances.Sum());
    }

    [Fact]
    public async Task The_ledger_identity_holds_at_every_moment_while_money_moves()
    {
        var town = await TownAsync(shops: 2, residents: 3);
        using var done = new CancellationTokenSource();
        var polls = 0;
        var poller = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                WalletTown.AssertIdentity(await town.SummaryAsync());
                polls++;
            }
        });
        var work = Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await town.ChargeAsync($"ch-{r}-{i}", $"c-{r}", 2_000);
                await town.PayAsync($"shop-{i % 2}", $"p-{r}-{i}", $"c-{r}", 1_500);
                if (i % 5 == 0)
                {
                    await town.RefundAsync($"rf-{r}-{i}", $"r-{r}", 100, "moved_away");
                }
            }
        }));
        await Task.WhenAll(work);
        await done.CancelAsync();
        await poller;
        Assert.True(polls > 0);
        var summary = await town.SummaryAsync();
        WalletTown.AssertIdentity(summary);
        Assert.Equal((90_000L, 67_500L, 900L), ((long)summary["chargedYen"]!, (long)summary["spentYen"]!, (long)summary["refundedYen"]!));
    }

    [Fact]
    public async Task A_redelivered_journal_batch_changes_no_total_sale_or_point()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 10_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-1", "c-0", 2_000)).Status);
        var summary = await town.SummaryAsync();
        var points = await town.Town.PointsAsync("r-0");
        var statementPath = town.Town.Path($"merchants/shop-0/settlement?from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        var statement = await town.Admin.GetJsonAsync(statementPath);

        // At-least-once delivery: after a crash the subscriber may see the whole journal again.
        var journal = await Silo.Services.GetRequiredService<IGrainStorage>().ReadJournalAsync(town.Town.TenantId, 0, 10_000, CancellationToken.None);
        var projection = Silo.Services.GetRequiredService<LoCoPi.Grains.Wallet.LedgerProjection>();
        await projection.OnEventsAsync(journal, CancellationToken.None);
        await projection.OnEventsAsync([.. journal.Skip(journal.Count / 2)], CancellationToken.None);

        Assert.Equal(Http.Json(summary), Http.Json(await town.SummaryAsync()));
        Assert.Equal(points, await town.Town.PointsAsync("r-0"));
        Assert.Equal(200, points);
        Assert.Equal(Http.Json(statement.Body), Http.Json((await town.Admin.GetJsonAsync(statementPath)).Body));
        Assert.Contains(journal, e => e.Is<MoneyMoved>());
    }
}
