using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

public abstract partial class WalletSuite
{
    private DateOnly Today => DateOnly.FromDateTime(Silo.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);

    [Fact]
    public async Task The_expiry_sweep_moves_exactly_what_is_left_once()
    {
        var town = await TownAsync(residents: 3);
        var expiresOn = Today.AddDays(3);
        var granted = await town.GrantAsync("g-1", ["r-0", "r-1", "r-2"], 5_000, expiresOn);
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal(3, (long)granted.Body!["granted"]!);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 1_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-1", "c-0", 2_000)).Status);

        Silo.Clock.Advance(TimeSpan.FromDays(2));
        var early = await town.SweepAsync();
        Assert.Empty(early.Body!["grants"]!.AsArray());
        Assert.Equal(0, (long)early.Body["expiredYen"]!);

        Silo.Clock.Advance(TimeSpan.FromDays(1));
        var due = await town.SweepAsync();
        Assert.Equal("g-1", (string?)due.Body!["grants"]![0]);
        Assert.Equal(3_000 + 5_000 + 5_000, (long)due.Body["expiredYen"]!);
        var again = await town.SweepAsync();
        Assert.Empty(again.Body!["grants"]!.AsArray());
        Assert.Equal(0, (long)again.Body["expiredYen"]!);

        var bucket = (await town.WalletAsync("r-0"))["grants"]![0]!;
        Assert.Equal((5_000L, 2_000L, 3_000L, 0L),
            ((long)bucket["amountYen"]!, (long)bucket["spentYen"]!, (long)bucket["expiredYen"]!, (long)bucket["remainingYen"]!));
        var summary = await town.SummaryAsync();
        Assert.Equal(13_000, (long)summary["expiredYen"]!);
        Assert.Equal(1_000, (long)summary["walletsYen"]!);
        WalletTown.AssertIdentity(summary);
    }

    [Fact]
    public async Task An_expired_grant_is_never_spent_even_before_a_sweep()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r-0"], 5_000, Today.AddDays(1))).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 1_000)).Status);
        Silo.Clock.Advance(TimeSpan.FromDays(1));
        (await town.PayAsync("shop-0", "p-1", "c-0", 3_000)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        var wallet = await town.WalletAsync("r-0");
        Assert.Equal(1_000, (long)wallet["balanceYen"]!);
        Assert.Equal(5_000, (long)wallet["grants"]![0]!["expiredYen"]!);
        Assert.Equal(0, (long)(await town.SweepAsync()).Body!["expiredYen"]!);
    }

    [Fact]
    public async Task Spending_takes_the_earliest_expiring_grant_first_and_paid_value_last()
    {
        var town = await TownAsync();
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 10_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-late", ["r-0"], 3_000, Today.AddDays(30))).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-soon", ["r-0"], 2_000, Today.AddDays(5))).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-1", "c-0", 4_000)).Status);
        var wallet = await town.WalletAsync("r-0");
        Assert.Equal(10_000, (long)wallet["paidYen"]!);
        var grants = wallet["grants"]!.AsArray().ToDictionary(g => (string)g!["grantId"]!, g => (long)g!["remainingYen"]!);
        Assert.Equal(0, grants["g-soon"]);
        Assert.Equal(1_000, grants["g-late"]);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-2", "c-0", 1_500)).Status);
        Assert.Equal(9_500, (long)(await town.WalletAsync("r-0"))["paidYen"]!);
    }

    [Fact]
    public async Task A_grant_is_idempotent_per_id_and_checks_its_residents_first()
    {
        var town = await TownAsync(residents: 2);
        var first = await town.GrantAsync("g-1", ["r-0", "r-1"], 50_000, Today.AddDays(365));
        var retry = await town.GrantAsync("g-1", ["r-0", "r-1"], 50_000, Today.AddDays(365));
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(Http.Json(first.Body), Http.Json(retry.Body));
        (await town.GrantAsync("g-1", ["r-0"], 50_000, Today.AddDays(365))).AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await town.GrantAsync("g-2", ["r-0", "nobody"], 1_000, Today.AddDays(365))).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
        (await town.GrantAsync("g-3", ["r-0", "r-0"], 1_000, Today.AddDays(365))).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.GrantAsync("g-4", [], 1_000, Today.AddDays(365))).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.GrantAsync("g-5", ["r-0"], 0, Today.AddDays(365))).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Charger.PostJsonAsync(town.Town.Path("grants"), new { grantId = "g-6", residentIds = new[] { "r-0" }, amountYen = 1, expiresOn = "2030-01-01", reason = "x" }))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");

        var summary = await town.SummaryAsync();
        Assert.Equal(100_000, (long)summary["grantedYen"]!);
        Assert.Equal(100_000, (long)summary["walletsYen"]!);
        Assert.Single((await town.WalletAsync("r-1"))["grants"]!.AsArray());
    }
}
