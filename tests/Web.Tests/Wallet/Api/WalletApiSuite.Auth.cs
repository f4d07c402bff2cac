using System.Net;
using System.Text.RegularExpressions;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

public abstract partial class WalletApiSuite
{
    [Fact]
    public async Task Payments_and_charges_need_a_reader_token_no_token_is_401_and_the_admin_token_is_403()
    {
        var town = await MoneyTownAsync();
        await town.ChargedAsync("ch-0", "c1", 5_000);
        var anonymous = Silo.Client();
        var wrong = Silo.Client("not-a-token");

        (await town.PayAsync("p-1", "c1", 100, anonymous)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await town.PayAsync("p-1", "c1", 100, wrong)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await town.PayAsync("p-1", "c1", 100, town.Admin)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await town.ChargeAsync("ch-1", "c1", 1_000, anonymous)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await town.ChargeAsync("ch-1", "c1", 1_000, wrong)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await town.ChargeAsync("ch-1", "c1", 1_000, town.Admin)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");

        await town.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, WalletsYen: 5_000), "r1");
    }

    [Fact]
    public async Task A_reader_pays_and_charges_only_in_its_own_tenant()
    {
        var home = await MoneyTownAsync();
        var other = await MoneyTownAsync();
        await other.ChargedAsync("ch-0", "c1", 5_000);
        await home.ChargedAsync("ch-0", "c1", 5_000);

        // The same card id exists in both towns; the reader's token decides which wallet it reaches.
        await home.PaidAsync("p-1", "c1", 1_000);
        await home.ChargedAsync("ch-1", "c1", 1_000);
        (await home.PayAsync("p-2", "only-in-other", 100)).AssertProblem(HttpStatusCode.NotFound, "unknown_card");
        Assert.Equal(HttpStatusCode.Created, (await other.Admin.PutJsonAsync(other.Path("cards/only-in-other"), new { residentId = "r2" })).Status);
        (await home.PayAsync("p-3", "only-in-other", 100)).AssertProblem(HttpStatusCode.NotFound, "unknown_card");

        await home.AssertLedgerAsync(new Ledger(ChargedYen: 6_000, SpentYen: 1_000, WalletsYen: 5_000, MerchantPayableYen: 1_000), "r1", "r2");
        await other.AssertLedgerAsync(new Ledger(ChargedYen: 5_000, WalletsYen: 5_000), "r1", "r2");
    }

    [Fact]
    public async Task Money_ids_are_per_tenant_so_two_towns_may_use_the_same_id()
    {
        var one = await MoneyTownAsync();
        var two = await MoneyTownAsync();
        await one.ChargedAsync("ch-1", "c1", 2_000);
        await two.ChargedAsync("ch-1", "c1", 3_000);
        await one.PaidAsync("p-1", "c1", 500);
        await two.PaidAsync("p-1", "c1", 700);
        await one.AssertLedgerAsync(new Ledger(ChargedYen: 2_000, SpentYen: 500, WalletsYen: 1_500, MerchantPayableYen: 500), "r1");
        await two.AssertLedgerAsync(new Ledger(ChargedYen: 3_000, SpentYen: 700, WalletsYen: 2_300, MerchantPayableYen: 700), "r1");
    }

    [Fact]
    public async Task Every_money_problem_is_Japanese_by_default_and_English_on_request()
    {
        var ja = await MoneyTownAsync();
        var en = await MoneyTownAsync(language: "en");
        var problems = new List<(string Code, Func<MoneyTown, Task<(HttpStatusCode, System.Text.Json.Nodes.JsonNode?, string?)>> Call, HttpStatusCode Status)>
        {
            ("insufficient_funds", t => t.PayAsync("p-x", "c1", 100), HttpStatusCode.PaymentRequired),
            ("unknown_card", t => t.PayAsync("p-y", "nobody", 100), HttpStatusCode.NotFound),
            ("charge_unit", t => t.ChargeAsync("ch-x", "c1", 1_500), HttpStatusCode.UnprocessableEntity),
            ("balance_cap", t => t.ChargeAsync("ch-y", "c1", 60_000), HttpStatusCode.UnprocessableEntity),
            ("wrong_mode", t => t.PayAsync("p-z", "c1", 100, t.Charge), HttpStatusCode.Forbidden),
            ("invalid_request", t => t.PayAsync("p z", "c1", 100), HttpStatusCode.BadRequest),
            ("card_suspended", async t =>
            {
                await t.Admin.PostJsonAsync(t.Path("cards/c2/suspend"), new { reason = "lost" });
                return await t.PayAsync("p-s", "c2", 100);
            }, HttpStatusCode.Conflict),
        };

        foreach (var (code, call, status) in problems)
        {
            var japanese = (await call(ja)).AssertProblem(status, code);
            var english = (await call(en)).AssertProblem(status, code);
            Assert.Matches(Japanese, (string)japanese["detail"]!);
            Assert.DoesNotMatch(Japanese, (string)english["detail"]!);
            Assert.Matches("[A-Za-z]{3}", (string)english["detail"]!);
        }

        var jaRefund = (await ja.RefundAsync("rf-1", "r1", 1_000)).AssertProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        var enRefund = (await en.RefundAsync("rf-1", "r1", 1_000, client: Silo.AdminClient("en"))).AssertProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        Assert.Matches(Japanese, (string)jaRefund["detail"]!);
        Assert.DoesNotMatch(Japanese, (string)enRefund["detail"]!);
    }

    private static readonly Regex Japanese = new(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]", RegexOptions.None, TimeSpan.FromSeconds(1));
}
