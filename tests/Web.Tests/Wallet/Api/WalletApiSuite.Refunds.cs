using System.Net;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Theory]
    [InlineData("moved_away")]
    [InlineData("business_discontinued")]
    [InlineData("death")]
    public async Task An_admin_refund_with_a_reason_code_takes_money_out_of_the_wallet_and_is_counted_as_refunded(string reason)
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 8_000);
        await town.PaidAsync("p-1", "c1", 1_000);

        var refund = await town.RefundAsync("rf-1", "r1", 7_000, reason);

        Assert.Equal(HttpStatusCode.OK, refund.Status);
        Assert.Equal(0, (long)refund.Body!["balanceYen"]!);
        Assert.Equal(0, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 8_000, SpentYen: 1_000, RefundedYen: 7_000, MerchantPayableYen: 1_000), "r1", "r2");
    }

    [Fact]
    public async Task A_refund_replay_answers_the_same_and_a_changed_refund_with_the_same_id_is_409()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 10_000);
        var first = await town.RefundAsync("rf-1", "r1", 4_000);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(6_000, (long)first.Body!["balanceYen"]!);

        var replay = await town.RefundAsync("rf-1", "r1", 4_000);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal(Http.Json(first.Body), Http.Json(replay.Body));
        (await town.RefundAsync("rf-1", "r1", 5_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.RefundAsync("rf-1", "r1", 4_000, "death")).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.RefundAsync("rf-1", "r2", 4_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");

        await town.AssertLedgerAsync(new Ledger(ChargedYen: 10_000, RefundedYen: 4_000, WalletsYen: 6_000), "r1", "r2");
    }

    [Fact]
    public async Task A_refund_larger_than_the_paid_value_is_422_refund_exceeds_paid_and_changes_nothing()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 2_000);
        (await town.RefundAsync("rf-1", "r1", 2_001)).AssertProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        Assert.Equal(2_000, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 2_000, WalletsYen: 2_000), "r1");
    }

    [Fact]
    public async Task A_refund_for_an_unknown_resident_is_404_unknown_resident()
    {
        var town = await MoneyTownAsync();
        (await town.RefundAsync("rf-1", "ghost", 1_000)).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
        await town.AssertLedgerAsync(new Ledger());
    }

    [Fact]
    public async Task Refunds_and_grants_are_for_the_admin_only_not_readers_staff_families_or_anonymous_callers()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 5_000);
        foreach (var role in new[] { "staff", "family", "merchant" })
        {
            Assert.Equal(HttpStatusCode.Created, (await town.Admin.PostJsonAsync(town.Path("accounts"),
                new { accountId = "acct-" + role, role, displayName = "職員", password = "hikari-2025-okane" })).Status);
        }

        var callers = new List<HttpClient> { town.Pay, town.Charge };
        foreach (var role in new[] { "staff", "family", "merchant" })
        {
            var login = await Silo.Client().PostJsonAsync("/api/v1/login", new { tenantId = town.Town.TenantId, accountId = "acct-" + role, password = "hikari-2025-okane" });
            Assert.Equal(HttpStatusCode.OK, login.Status);
            callers.Add(Silo.Client((string)login.Body!["token"]!));
        }

        foreach (var caller in callers)
        {
            (await town.RefundAsync("rf-1", "r1", 1_000, client: caller)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
            (await town.GrantAsync("g-1", ["r1"], 1_000, client: caller)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
            (await caller.GetJsonAsync(town.Path("ledger/summary"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        }

        (await town.RefundAsync("rf-1", "r1", 1_000, client: Silo.Client())).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await town.GrantAsync("g-1", ["r1"], 1_000, client: Silo.Client("wrong"))).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await Silo.Client().GetJsonAsync(town.Path("ledger/summary"))).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");

        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, WalletsYen: 5_000), "r1");
        // The refused ids were never claimed.
        Assert.Equal(HttpStatusCode.OK, (await town.RefundAsync("rf-1", "r1", 1_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r1"], 1_000)).Status);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, GrantedYen: 1_000, RefundedYen: 1_000, WalletsYen: 5_000), "r1");
    }

    [Fact]
    public async Task Granted_money_is_not_refunded_only_paid_value_is()
    {
        var town = await MoneyTownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r1"], 5_000)).Status);
        await town.ChargedAsync("ch-1", "c1", 1_000);

        (await town.RefundAsync("rf-1", "r1", 2_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        var refund = await town.RefundAsync("rf-2", "r1", 1_000);
        Assert.Equal(HttpStatusCode.OK, refund.Status);
        Assert.Equal(5_000, (long)refund.Body!["balanceYen"]!);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 1_000, GrantedYen: 5_000, RefundedYen: 1_000, WalletsYen: 5_000), "r1");
    }

    [Fact]
    public async Task A_refund_is_audited_in_the_journal_with_who_why_and_when_and_a_replay_adds_no_entry()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-1", "c1", 9_000);
        Assert.Equal(HttpStatusCode.OK, (await town.RefundAsync("rf-1", "r1", 9_000, "death")).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.RefundAsync("rf-1", "r1", 9_000, "death")).Status);

        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var journal = await storage.ReadJournalAsync(town.Town.TenantId, 0, 1000, CancellationToken.None);
        var refunds = journal.Where(e => e.EventType == "money.moved")
            .Select(e => e.Deserialize<MoneyMoved>(new JsonGrainSerializer()))
            .Where(m => m.Kind == MoneyKinds.Refund)
            .ToList();

        var refund = Assert.Single(refunds);
        Assert.Equal("r1", refund.ResidentId);
        Assert.Equal("death", refund.Reason);
        Assert.Equal("admin", refund.Actor);
        Assert.Equal(Silo.Clock.GetUtcNow(), refund.At);
        Assert.Contains(refund.Lines, l => l.Account == LedgerAccounts.Refunded && l.CreditYen == 9_000);
        Assert.Contains(refund.Lines, l => l.Account == LedgerAccounts.WalletPaid("r1") && l.DebitYen == 9_000);
        await town.AssertLedgerAsync(new Ledger(ChargedYen: 9_000, RefundedYen: 9_000), "r1");
    }
}
