using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Fact]
    public async Task A_grant_to_many_residents_credits_each_once_and_its_replay_answers_the_same_moving_nothing()
    {
        var town = await MoneyTownAsync(residents: 25);
        var residents = Enumerable.Range(1, 25).Select(i => "r" + i).ToArray();

        var first = await town.GrantAsync("g-hs-2025", residents, 50_000, "2026-03-31", "high_school_entry");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(25, (long)first.Body!["granted"]!);

        var replay = await town.GrantAsync("g-hs-2025", residents, 50_000, "2026-03-31", "high_school_entry");
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal(Http.Json(first.Body), Http.Json(replay.Body));

        Assert.All(await Task.WhenAll(residents.Select(town.BalanceAsync)), balance => Assert.Equal(50_000, balance));
        await town.AssertLedgerAsync(new Ledger(GrantedYen: 1_250_000, WalletsYen: 1_250_000), residents);
    }

    [Fact]
    public async Task A_grant_id_reused_with_other_residents_amount_or_expiry_is_409_idempotency_conflict()
    {
        var town = await MoneyTownAsync(residents: 3);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r1", "r2"], 5_000)).Status);

        (await town.GrantAsync("g-1", ["r1", "r3"], 5_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.GrantAsync("g-1", ["r1", "r2"], 6_000)).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.GrantAsync("g-1", ["r1", "r2"], 5_000, expiresOn: "2026-09-30")).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");

        Assert.Equal(0, await town.BalanceAsync("r3"));
        await town.AssertLedgerAsync(new Ledger(GrantedYen: 10_000, WalletsYen: 10_000), "r1", "r2", "r3");
    }

    [Fact]
    public async Task Concurrent_copies_of_one_grant_credit_each_resident_once()
    {
        var town = await MoneyTownAsync(residents: 10);
        var residents = Enumerable.Range(1, 10).Select(i => "r" + i).ToArray();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => town.GrantAsync("g-race", residents, 3_000)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => Http.Json(a.Body)).Distinct());
        await town.AssertLedgerAsync(new Ledger(GrantedYen: 30_000, WalletsYen: 30_000), residents);
    }

    [Fact]
    public async Task A_grant_naming_an_unknown_resident_is_404_and_grants_nobody()
    {
        var town = await MoneyTownAsync(residents: 2);
        (await town.GrantAsync("g-1", ["r1", "ghost", "r2"], 5_000)).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
        Assert.Equal(0, await town.BalanceAsync("r1"));
        await town.AssertLedgerAsync(new Ledger(), "r1", "r2");
    }

    [Fact]
    public async Task A_resident_named_twice_in_one_grant_is_credited_at_most_once()
    {
        var town = await MoneyTownAsync(residents: 2);
        var response = await town.GrantAsync("g-dup", ["r1", "r1", "r2"], 5_000);
        if (response.Status == HttpStatusCode.OK)
        {
            await town.AssertLedgerAsync(new Ledger(GrantedYen: 10_000, WalletsYen: 10_000), "r1", "r2");
            Assert.Equal(5_000, await town.BalanceAsync("r1"));
        }
        else
        {
            response.AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
            await town.AssertLedgerAsync(new Ledger(), "r1", "r2");
        }
    }

    [Fact]
    public async Task Granted_money_pays_at_shops_before_the_paid_value_and_owes_the_merchant()
    {
        var town = await MoneyTownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r1"], 3_000)).Status);

        Assert.Equal(500, (long)(await town.PaidAsync("p-1", "c1", 2_500))["balanceYen"]!);
        (await town.PayAsync("p-2", "c1", 600)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        await town.AssertLedgerAsync(new Ledger(GrantedYen: 3_000, SpentYen: 2_500, WalletsYen: 500, MerchantPayableYen: 2_500), "r1", "r2");
    }

    [Fact]
    public async Task A_grant_past_its_expiry_no_longer_pays()
    {
        var town = await MoneyTownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-short", ["r1"], 3_000, expiresOn: "2025-06-10")).Status);
        await town.PaidAsync("p-1", "c1", 1_000);

        // 2025-06-11 09:00 in Tokyo: the day after the expiry date.
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 11, 0, 0, 0, TimeSpan.Zero));
        (await town.PayAsync("p-2", "c1", 100)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        var ledger = await town.LedgerAsync();
        Assert.True(ledger.IdentityHolds, ledger.ToString());
        Assert.Equal(1_000, ledger.SpentYen);
    }

    [Fact]
    public async Task The_expiry_sweep_moves_exactly_what_is_left_of_each_due_grant_once()
    {
        var town = await MoneyTownAsync(residents: 3);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-june", ["r1", "r2"], 3_000, expiresOn: "2025-06-10")).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-later", ["r3"], 4_000, expiresOn: "2026-03-31")).Status);
        await town.PaidAsync("p-1", "c1", 1_000);

        // 2025-06-10 in Tokyo: the expiry date itself, when the grant is no longer spendable.
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 10, 0, 0, 0, TimeSpan.Zero));
        var sweep = await town.Admin.PostJsonAsync(town.Path("grants/expiry-sweep"), new { });
        Assert.Equal(HttpStatusCode.OK, sweep.Status);
        Assert.Equal(5_000, (long)sweep.Body!["expiredYen"]!);
        var again = await town.Admin.PostJsonAsync(town.Path("grants/expiry-sweep"), new { });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(0, (long)again.Body!["expiredYen"]!);

        var wallet = await town.Admin.GetJsonAsync(town.Path("residents/r1/wallet"));
        var bucket = Assert.Single(wallet.Body!["grants"]!.AsArray());
        Assert.Equal(3_000, (long)bucket!["amountYen"]!);
        Assert.Equal(1_000, (long)bucket["spentYen"]!);
        Assert.Equal(2_000, (long)bucket["expiredYen"]!);
        Assert.Equal(0, (long)bucket["remainingYen"]!);
        (await town.PayAsync("p-2", "c2", 100)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        await town.PaidAsync("p-3", "c3", 4_000);
        await town.AssertLedgerAsync(
            new Ledger(GrantedYen: 10_000, SpentYen: 5_000, ExpiredYen: 5_000, MerchantPayableYen: 5_000), "r1", "r2", "r3");
    }
}
