using System.Net;
using System.Net.Http.Json;
using LoCoPi.Web.Tests.Live;
using LoCoPi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

/// <summary>
/// The family page in a real browser (Debian's Chromium): a family member logs in, a reader touch
/// is made for the watched child, and the alert appears within a second without a reload.
/// A screenshot is kept in the test output directory (artifacts/family-live.png).
/// </summary>
public sealed class FamilyBrowserTests() : BrowserPageTest(900, 800)
{
    [Fact]
    public async Task A_family_member_logs_in_and_sees_the_childs_touch_within_a_second_without_reloading()
    {
        await Silo.DefineTenantAsync(Tenant);
        await Silo.DefinePlaceAsync(Tenant, "school");
        var reader = await Silo.RegisterReaderAsync(Tenant, "school-gate", "school", "visit");
        await Silo.DefineResidentWithCardAsync(Tenant, "child");
        await AdminAsync(HttpMethod.Put, $"residents/child", new { displayName = "さくら" });
        await AdminAsync(HttpMethod.Post, "accounts", new { accountId = "mother", role = "family", displayName = "母", password = "hikari-2025-mimamori" });
        await AdminAsync(HttpMethod.Put, "residents/child/watchers/mother", new { consentBy = "母", consentAt = DateTimeOffset.UtcNow });

        var page = await Browser.PageAsync();
        await page.GotoAsync(new Uri(Silo.BaseAddress, $"/family?tenant={Tenant}").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("見守り");
        await page.FillAsync("#account", "mother");
        await page.FillAsync("#password", "hikari-2025-mimamori");
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.Locator("#watched li[data-resident=child]")).ToHaveTextAsync("さくら");

        await Silo.TouchAsync(reader, "child");

        var alert = page.Locator("#alerts li[data-resident=child]");
        await Assertions.Expect(alert).ToHaveCountAsync(1, new() { Timeout = 1_000 });
        await Assertions.Expect(alert).ToContainTextAsync("さくらさんがschoolでタッチしました");
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts, "family-live.png"), FullPage = true });
        Assert.True(File.Exists(Path.Combine(artefacts, "family-live.png")));

        // A reload shows the same alert once, from the inbox.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(alert).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_locked_account_shows_on_the_login_form_when_to_try_again_in_the_pages_language()
    {
        await Silo.DefineTenantAsync(Tenant);
        await AdminAsync(HttpMethod.Post, "accounts", new { accountId = "father", role = "family", displayName = "父", password = "hikari-2025-mimamori" });

        var page = await Browser.PageAsync();
        await page.GotoAsync(new Uri(Silo.BaseAddress, $"/family?tenant={Tenant}").ToString());
        await LoginForm.FailUntilLockedAsync(page, "father", "ログインできませんでした");

        await page.FillAsync("#password", "hikari-2025-mimamori");
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("15分ほど待ってから");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
    }

}
