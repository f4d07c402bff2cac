using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

public abstract partial class WalletSuite
{
    [Fact]
    public async Task The_settlement_statement_lists_what_the_town_owes_a_shop_per_day()
    {
        var town = await TownAsync(shops: 2, residents: 1);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 20_000)).Status);
        var first = Today;
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-1", "c-0", 1_200)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-2", "c-0", 800)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-1", "p-3", "c-0", 5_000)).Status);
        (await town.PayAsync("shop-0", "p-4", "c-0", 50_000)).AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Silo.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-5", "c-0", 3_000)).Status);

        var path = town.Town.Path($"merchants/shop-0/settlement?from={first:yyyy-MM-dd}&to={first.AddDays(1):yyyy-MM-dd}");
        var statement = await town.Admin.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.OK, statement.Status);
        Assert.Equal((3L, 5_000L), ((long)statement.Body!["payments"]!, (long)statement.Body["amountYen"]!));
        var days = statement.Body["days"]!.AsArray();
        Assert.Equal(2, days.Count);
        Assert.Equal((2L, 2_000L), ((long)days[0]!["payments"]!, (long)days[0]!["amountYen"]!));
        Assert.Equal((1L, 3_000L), ((long)days[1]!["payments"]!, (long)days[1]!["amountYen"]!));

        var oneDay = await town.Admin.GetJsonAsync(town.Town.Path($"merchants/shop-0/settlement?from={first:yyyy-MM-dd}&to={first:yyyy-MM-dd}"));
        Assert.Equal(2_000, (long)oneDay.Body!["amountYen"]!);

        using var csv = await town.Admin.GetAsync(path + "&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Equal($"date,payments,amount_yen\n{first:yyyy-MM-dd},2,2000\n{first.AddDays(1):yyyy-MM-dd},1,3000\ntotal,3,5000\n", text);

        (await town.Admin.GetJsonAsync(town.Town.Path("merchants/hall/settlement?from=2026-01-01&to=2026-01-31")))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_place");
        (await town.Admin.GetJsonAsync(town.Town.Path("merchants/shop-0/settlement?from=2026-02-01&to=2026-01-31")))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_tenant_redefined_in_another_time_zone_dates_its_next_payments_there()
    {
        var town = await TownAsync(shops: 1, residents: 1);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 10_000)).Status);
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 10, 12, 30, 0, TimeSpan.Zero)); // 21:30 on 10 June in Tokyo
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-tokyo", "c-0", 1_000)).Status);
        var path = town.Town.Path("merchants/shop-0/settlement?from=2025-06-10&to=2025-06-11");
        // Read once, so the ledger has dated a payment in Tokyo time before the zone changes.
        Assert.Equal(1_000, (long)(await town.Admin.GetJsonAsync(path)).Body!["amountYen"]!);

        var redefined = await town.Admin.PutJsonAsync($"/api/v1/tenants/{town.Town.TenantId}", new { name = "朝日町", timeZone = "Pacific/Auckland" });
        Assert.Equal(HttpStatusCode.OK, redefined.Status);
        Silo.Clock.Advance(TimeSpan.FromMinutes(1)); // 00:31 on 11 June in Auckland
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-auckland", "c-0", 2_000)).Status);

        var days = (await town.Admin.GetJsonAsync(path)).Body!["days"]!.AsArray();
        Assert.Equal(["2025-06-10 1000", "2025-06-11 2000"], days.Select(d => $"{(string?)d!["date"]} {(long)d["amountYen"]!}"));
    }

    [Fact]
    public async Task The_unused_balance_on_a_reference_date_is_flagged_above_ten_million_yen()
    {
        var town = await TownAsync(residents: 2);
        Silo.Clock.Set(new DateTimeOffset(2026, 3, 30, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 30_000)).Status);
        Silo.Clock.Set(new DateTimeOffset(2026, 3, 31, 14, 59, 0, TimeSpan.Zero)); // 23:59 in Tokyo
        Assert.Equal(HttpStatusCode.OK, (await town.GrantAsync("g-1", ["r-1"], 10_000_000, new DateOnly(2027, 3, 31))).Status);
        Silo.Clock.Set(new DateTimeOffset(2026, 3, 31, 15, 1, 0, TimeSpan.Zero)); // 1 April in Tokyo
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-1", "c-0", 5_000)).Status);

        var before = await town.Admin.GetJsonAsync(town.Town.Path("ledger/unused-balance?date=2026-03-30"));
        Assert.Equal((30_000L, 30_000L, false), ((long)before.Body!["unusedYen"]!, (long)before.Body["paidYen"]!, (bool)before.Body["reportRequired"]!));
        var reference = await town.Admin.GetJsonAsync(town.Town.Path("ledger/unused-balance?date=2026-03-31"));
        Assert.Equal((10_030_000L, 10_000_000L, true),
            ((long)reference.Body!["unusedYen"]!, (long)reference.Body["grantYen"]!, (bool)reference.Body["reportRequired"]!));
        var after = await town.Admin.GetJsonAsync(town.Town.Path("ledger/unused-balance?date=2026-04-01"));
        Assert.Equal(10_025_000, (long)after.Body!["unusedYen"]!);
        (await town.Admin.GetJsonAsync(town.Town.Path("ledger/unused-balance?date=31-03-2026")))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Spending_by_category_is_a_share_of_the_money_charged()
    {
        var town = await TownAsync(shops: 3, residents: 1);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 10_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-1", "c-0", 2_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-2", "c-0", 1_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-1", "p-3", "c-0", 2_500)).Status);

        var report = await town.Admin.GetJsonAsync(town.Town.Path("ledger/spend-by-category"));
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal((10_000L, 5_500L), ((long)report.Body!["chargedYen"]!, (long)report.Body["spentYen"]!));
        var categories = report.Body["categories"]!.AsArray().ToDictionary(c => (string)c!["category"]!, c => c!);
        Assert.Equal(2, categories.Count);
        Assert.Equal((3_000L, 2L, 0.3), ((long)categories["food"]["spentYen"]!, (long)categories["food"]["payments"]!, (double)categories["food"]["shareOfCharged"]!));
        Assert.Equal(0.25, (double)categories["retail"]["shareOfCharged"]!);
    }

    [Fact]
    public async Task A_merchant_reads_only_the_statements_of_the_shops_it_is_linked_to()
    {
        var town = await TownAsync(shops: 2, residents: 1);
        Assert.Equal(HttpStatusCode.OK, (await town.ChargeAsync("ch-1", "c-0", 5_000)).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.PayAsync("shop-0", "p-1", "c-0", 1_000)).Status);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PostJsonAsync(town.Town.Path("accounts"),
            new { accountId = "m-0", role = "merchant", displayName = "店主", password = "correct horse battery" })).Status);
        var login = await Silo.Client().PostJsonAsync("/api/v1/login", new { tenantId = town.Town.TenantId, accountId = "m-0", password = "correct horse battery" });
        using var merchant = Silo.Client((string)login.Body!["token"]!);
        var period = $"settlement?from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}";

        (await merchant.GetJsonAsync(town.Town.Path("merchants/shop-0/" + period))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PutJsonAsync(town.Town.Path("merchants/shop-0/accounts/m-0"), new { })).Status);
        var own = await merchant.GetJsonAsync(town.Town.Path("merchants/shop-0/" + period));
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(1_000, (long)own.Body!["amountYen"]!);
        (await merchant.GetJsonAsync(town.Town.Path("merchants/shop-1/" + period))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await merchant.GetJsonAsync(town.Town.Path("ledger/summary"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await town.Admin.PutJsonAsync(town.Town.Path("merchants/shop-0/accounts/nobody"), new { })).AssertProblem(HttpStatusCode.NotFound, "unknown_account");
        (await town.Charger.GetJsonAsync(town.Town.Path("merchants/shop-0/" + period))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
