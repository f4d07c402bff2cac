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
    public async Task A_refund_takes_paid_value_only_and_is_audited_in_the_ledger()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 10_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r-0"], 5_000, Today.AddDays(30))).Status);

        var refunded = await town.RefundAsync("rf-1", "r-0", 4_000, "death");
        Assert.Equal(HttpStatusCode.OK, refunded.Status);
        Assert.Equal(11_000, (long)refunded.Body!["balanceYen"]!);
        (await town.RefundAsync("rf-2", "r-0", 7_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-2", "c-0", 5_000)).Status);
        (await town.RefundAsync("rf-2", "r-0", 7_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        (await town.RefundAsync("rf-3", "r-0", 1_000, "changed_mind")).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.RefundAsync("rf-4", "nobody", 1_000)).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
        (await town.Charger.PostJsonAsync(town.Town.Path("refunds"), new { refundId = "rf-5", residentId = "r-0", amountYen = 1_000, reason = "death" }))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(Http.Json(refunded.Body), Http.Json((await town.RefundAsync("rf-1", "r-0", 4_000, "death")).Body));

        var summary = await town.SummaryAsync();
        Assert.Equal(4_000, (long)summary["refundedYen"]!);
        WalletTown.AssertIdentity(summary);

        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var serializer = Silo.Services.GetRequiredService<IGrainSerializer>();
        var journal = await storage.ReadJournalAsync(town.Town.TenantId, 0, 10_000, CancellationToken.None);
        var refunds = journal.Where(e => e.Is<MoneyMoved>()).Select(e => e.Deserialize<MoneyMoved>(serializer))
            .Where(m => m.Kind == MoneyKinds.Refund).ToList();
        var entry = Assert.Single(refunds);
        Assert.Equal(("refund:rf-1", "admin", "death", Silo.Clock.GetUtcNow()), (entry.EntryId, entry.Actor, entry.Reason, entry.At));
        Assert.Contains(entry.Lines, l => l.Account == LedgerAccounts.Refunded && l.CreditYen == 4_000);
        Assert.Contains(entry.Lines, l => l.Account == LedgerAccounts.WalletPaid("r-0") && l.DebitYen == 4_000);
        Assert.Equal(1, journal.Count(e => e.Is<MoneyDeclined>() && e.Deserialize<MoneyDeclined>(serializer).Kind == MoneyKinds.Refund));
    }
}
