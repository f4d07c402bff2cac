using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.ResidentPage;

public abstract partial class ResidentPageSuite
{
    [Fact]
    public async Task The_resident_sees_points_balance_a_grant_with_its_expiry_and_history_newest_first_with_place_names()
    {
        var my = await MyTownAsync();
        var token = await MyLoginAsync(my.Town);
        var empty = await MeAsync(token);
        Assert.Equal(0, (long)empty["pointsBalance"]!);
        Assert.Equal(0, (long)empty["balanceYen"]!);
        Assert.Empty(empty["recentTouches"]!.AsArray());

        await my.TouchAsync("t-1");
        await my.TouchAsync("t-2");
        await my.ChargeAsync("ch-1", 3_000);
        var expiresOn = TodayInTokyo().AddDays(30);
        await my.GrantAsync("g-1", 5_000, expiresOn);
        var paymentPoints = await my.PayAsync("pay-1", 1_200);

        // Points of the payment arrive from the journal; the visit's 10 are there at once.
        var me = await MeWhenAsync(token, m => (long)m["pointsBalance"]! == 10 + paymentPoints);
        Assert.Equal("r1", (string?)me["residentId"]);
        Assert.Equal("山田 花子", (string?)me["displayName"]);

        // Grants spend first: 5,000 − 1,200 left in the grant, the 3,000 charged untouched.
        Assert.Equal(6_800, (long)me["balanceYen"]!);
        Assert.Equal(3_000, (long)me["paidYen"]!);
        var grant = Assert.Single(me["grants"]!.AsArray())!;
        Assert.Equal("g-1", (string?)grant["grantId"]);
        Assert.Equal(3_800, (long)grant["remainingYen"]!);
        Assert.Equal(Iso(expiresOn), (string?)grant["expiresOn"]);
        Assert.Equal(Iso(expiresOn.AddDays(-1)), (string?)grant["usableUntil"]);

        var touches = me["recentTouches"]!.AsArray();
        Assert.Equal(["t-2", "t-1"], touches.Select(t => (string)t!["touchId"]!));
        Assert.Equal(["repeat_visit", "visit"], touches.Select(t => (string)t!["outcome"]!));
        Assert.Equal([0L, 10L], touches.Select(t => (long)t!["pointsAwarded"]!));
        Assert.All(touches, t => Assert.Equal("施設 library", (string?)t!["placeName"]));

        var money = me["recentMoney"]!.AsArray();
        Assert.Equal(["payment", "grant", "charge"], money.Select(m => (string)m!["kind"]!));
        Assert.Equal([1_200L, 5_000L, 3_000L], money.Select(m => (long)m!["amountYen"]!));
        Assert.Equal(["店 0", null, "役場"], money.Select(m => (string?)m!["placeName"]));

        // Only what the page needs: no birth year, no card ids, and never an individual number.
        var json = me.ToJsonString();
        Assert.DoesNotContain("birthYear", json, StringComparison.Ordinal);
        Assert.DoesNotContain("c1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("individual", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_grant_on_or_past_its_expiry_date_is_not_shown_as_spendable_even_before_a_sweep()
    {
        var my = await MyTownAsync();
        var token = await MyLoginAsync(my.Town);
        await my.ChargeAsync("ch-1", 1_000);
        var tomorrow = TodayInTokyo().AddDays(1);
        await my.GrantAsync("g-soon", 2_000, tomorrow);
        await my.GrantAsync("g-later", 4_000, tomorrow.AddDays(60));

        var me = await MeAsync(token);
        Assert.Equal(7_000, (long)me["balanceYen"]!);
        Assert.Equal(["g-soon", "g-later"], me["grants"]!.AsArray().Select(g => (string)g!["grantId"]!));

        // Tomorrow in Tokyo the first grant can no longer be spent, whether or not a sweep ran.
        Silo.Clock.Advance(TimeSpan.FromDays(1));
        me = await MeAsync(token);
        Assert.Equal(5_000, (long)me["balanceYen"]!);
        Assert.Equal(1_000, (long)me["paidYen"]!);
        Assert.Equal(["g-later"], me["grants"]!.AsArray().Select(g => (string)g!["grantId"]!));
    }

    [Fact]
    public async Task Only_resident_tokens_read_it_and_a_resident_of_one_town_never_sees_or_reaches_another_towns_data()
    {
        var a = await MyTownAsync("朝日 太郎");
        var b = await MyTownAsync("別町 次郎");
        var tokenA = await MyLoginAsync(a.Town);
        var tokenB = await MyLoginAsync(b.Town);
        await a.TouchAsync("t-a");

        // The same account and resident ids in both towns: each token reads its own town's resident.
        var meA = await MeAsync(tokenA);
        var meB = await MeAsync(tokenB);
        Assert.Equal("朝日 太郎", (string?)meA["displayName"]);
        Assert.Equal(10, (long)meA["pointsBalance"]!);
        Assert.Equal("別町 次郎", (string?)meB["displayName"]);
        Assert.Equal(0, (long)meB["pointsBalance"]!);
        Assert.Empty(meB["recentTouches"]!.AsArray());

        // Nothing in the URL chooses the tenant or the resident.
        var asked = await MeAsync(tokenB, $"/api/v1/me/resident?tenantId={a.Town.TenantId}&residentId=r1");
        Assert.Equal(meB.ToJsonString(), asked.ToJsonString());

        // A resident of town B reaches nothing of town A (nor of its own town's admin API).
        using var residentB = Silo.Client(tokenB);
        (await residentB.GetJsonAsync(a.Town.Path("residents/r1"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await residentB.GetJsonAsync(a.Town.Path("residents/r1/wallet"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await residentB.GetJsonAsync(b.Town.Path("residents/r1"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await residentB.PostJsonAsync(a.Town.Path("accounts"), new { accountId = "me", role = "resident", displayName = "x", password = Password, residentId = "r1" }))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await residentB.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");

        // Other roles are refused, no token is 401.
        foreach (var role in new[] { "family", "staff", "merchant" })
        {
            Assert.Equal(HttpStatusCode.Created, (await CreateAccountAsync(a.Town, "x-" + role, role)).Status);
            using var other = Silo.Client(await LoginAsync(a.Town.TenantId, "x-" + role));
            (await other.GetJsonAsync("/api/v1/me/resident")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        }

        (await a.Library.GetJsonAsync("/api/v1/me/resident")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        using var admin = Silo.AdminClient();
        (await admin.GetJsonAsync("/api/v1/me/resident")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = Silo.Client();
        (await anonymous.GetJsonAsync("/api/v1/me/resident")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_page_is_served_in_japanese_and_in_english_on_request()
    {
        using var client = Silo.Client();
        var japanese = await client.GetStringAsync("/me");
        Assert.Contains("<html lang=\"ja\">", japanese, StringComparison.Ordinal);
        Assert.Contains("マイページ", japanese, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", await client.GetStringAsync("/me?lang=en"), StringComparison.Ordinal);
        Assert.Contains("/api/v1/me/resident", await client.GetStringAsync("/assets/resident.js"), StringComparison.Ordinal);

        // The login plumbing the page shares with /family and /staff: served like the page's own script.
        Assert.Contains("<script src=\"/assets/page-session.js\"></script>", japanese, StringComparison.Ordinal);
        using var own = await client.GetAsync("/assets/resident.js");
        using var shared = await client.GetAsync("/assets/page-session.js");
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal(own.Content.Headers.ContentType!.ToString(), shared.Content.Headers.ContentType!.ToString());
        Assert.Equal(own.Headers.CacheControl!.ToString(), shared.Headers.CacheControl!.ToString());
        Assert.Contains("/api/v1/login", await shared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var openApi = await client.GetJsonAsync("/openapi/v1.json");
        Assert.True(openApi.Body!["paths"]!.AsObject().ContainsKey("/api/v1/me/resident"), "/api/v1/me/resident is missing from /openapi/v1.json");
    }
}
