using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.Web.Tests.Live;
using LoCoPi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace LoCoPi.Web.Tests.ResidentPage;

/// <summary>
/// The resident's page (/me) in a real browser (Debian's Chromium) at phone size: the resident logs
/// in and sees the coin balance and points written the Japanese way, a grant with the last day it
/// can be spent, a payment, and a touch made through the reader API with its place name and Tokyo
/// time. A screenshot is kept in the test output directory (artifacts/resident-me.png).
/// </summary>
public sealed class ResidentBrowserTests() : BrowserPageTest(390, 844)
{
    private const string Password = "asahi-2025-my-page";

    [Fact]
    public async Task A_resident_logs_in_and_sees_balances_a_grant_and_a_reader_touch_in_japanese()
    {
        await Silo.DefineTenantAsync(Tenant);
        await AdminAsync(HttpMethod.Put, "places/library", new { name = "町立図書館", kind = "facility", pointsPerVisit = 10 });
        await AdminAsync(HttpMethod.Put, "places/hall", new { name = "役場", kind = "charge_point" });
        await AdminAsync(HttpMethod.Put, "places/shop", new { name = "あさひ商店", kind = "shop", category = "food" });
        var library = await Silo.RegisterReaderAsync(Tenant, "rd-library", "library", "visit");
        var hall = await Silo.RegisterReaderAsync(Tenant, "rd-hall", "hall", "charge");
        var shop = await Silo.RegisterReaderAsync(Tenant, "rd-shop", "shop", "pay");
        await Silo.DefineResidentWithCardAsync(Tenant, "hanako");
        await AdminAsync(HttpMethod.Put, "residents/hanako", new { displayName = "花子" });
        await AdminAsync(HttpMethod.Post, "accounts", new { accountId = "hanako", role = "resident", displayName = "花子", password = Password, residentId = "hanako" });

        // 10,000円 charged, a 3,000円 grant of which 700円 is spent: 12,300円 left.
        await ReaderAsync(hall, "/api/v1/charges", new { chargeId = "ch-1", cardId = "card-hanako", amountYen = 10_000 });
        await AdminAsync(HttpMethod.Post, "grants", new { grantId = "g-1", residentIds = new[] { "hanako" }, amountYen = 3_000, expiresOn = "2100-04-01", reason = "高校入学祝い" });
        await ReaderAsync(shop, "/api/v1/payments", new { paymentId = "pay-1", cardId = "card-hanako", amountYen = 700 });

        var page = await Browser.PageAsync();
        await page.GotoAsync(new Uri(Silo.BaseAddress, $"/me?tenant={Tenant}").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("マイページ");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.FillAsync("#account", "hanako");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login button[type=submit]");

        await Assertions.Expect(page.Locator("#balance")).ToHaveTextAsync("12,300円");
        await Assertions.Expect(page.Locator("#grants li[data-grant=g-1]")).ToContainTextAsync("2100年3月31日まで");
        await Assertions.Expect(page.Locator("#grants li[data-grant=g-1]")).ToContainTextAsync("2,300円");
        await Assertions.Expect(page.Locator("#money li[data-kind=payment]")).ToContainTextAsync("あさひ商店");
        await Assertions.Expect(page.Locator("#money li[data-kind=payment]")).ToContainTextAsync("支払い");
        await Assertions.Expect(page.Locator("#money li[data-kind=payment]")).ToContainTextAsync("−700円");
        await Assertions.Expect(page.Locator("#money li[data-kind=charge]")).ToContainTextAsync("チャージ");

        Assert.Equal("visit", await Silo.TouchAsync(library, "hanako"));
        await page.ReloadAsync();
        var touch = page.Locator("#touches li").First;
        await Assertions.Expect(touch).ToContainTextAsync("町立図書館");
        await Assertions.Expect(touch).ToContainTextAsync("来館");
        await Assertions.Expect(touch).ToContainTextAsync("+10ポイント");
        var tokyo = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        await Assertions.Expect(touch.Locator("time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            $"^{tokyo.Month}月{tokyo.Day}日 \\d\\d:\\d\\d$"));
        // 10 points for the visit and 70 for the 700円 payment (arriving from the journal).
        await Assertions.Expect(page.Locator("#points")).ToHaveTextAsync("80ポイント", new() { Timeout = 10_000 });

        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts, "resident-me.png"), FullPage = true });
        Assert.True(File.Exists(Path.Combine(artefacts, "resident-me.png")));
        Assert.DoesNotContain("individual", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        // English on request, same data.
        await page.GotoAsync(new Uri(Silo.BaseAddress, "/me?lang=en").ToString());
        await Assertions.Expect(page.Locator("#balance")).ToHaveTextAsync("¥12,300");
    }

    // The resident page now logs in through the shared page-session.js, so a locked account shows
    // its wait (in the page's language) instead of the generic "check what you entered".
    [Fact]
    public async Task A_locked_resident_account_shows_when_to_try_again_in_english()
    {
        await Silo.DefineTenantAsync(Tenant);
        await Silo.DefineResidentWithCardAsync(Tenant, "taro");
        await AdminAsync(HttpMethod.Post, "accounts", new { accountId = "taro", role = "resident", displayName = "太郎", password = Password, residentId = "taro" });

        var page = await Browser.PageAsync();
        await page.GotoAsync(new Uri(Silo.BaseAddress, $"/me?tenant={Tenant}&lang=en").ToString());
        await LoginForm.FailUntilLockedAsync(page, "taro", "Could not log in");

        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("Try again in about");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
    }

    private async Task ReaderAsync(string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Silo.BaseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Silo.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
    }
}
