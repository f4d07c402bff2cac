using LoCoPi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// The dashboard in a real browser (Chromium from the distribution, see scripts/install-test-deps.sh):
/// an admin enters the token, sees the town's places, and a counter changes after a touch without
/// a reload. A screenshot is kept in the test output directory.
/// </summary>
public sealed class DashboardBrowserTests() : BrowserPageTest(1280, 900)
{
    [Fact]
    public async Task The_dashboard_is_Japanese_unless_English_is_asked_for()
    {
        var page = await Browser.PageAsync();

        await page.GotoAsync(new Uri(Silo.BaseAddress, "/dashboard").ToString());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Assertions.Expect(page.Locator("#login button[type=submit]")).ToHaveTextAsync("表示する");

        await page.GotoAsync(new Uri(Silo.BaseAddress, "/dashboard?lang=en").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Facility activity dashboard");
        await Assertions.Expect(page.Locator("#login button[type=submit]")).ToHaveTextAsync("Show");
    }

    [Fact]
    public async Task The_dashboard_shows_a_counter_change_after_a_touch_without_reloading()
    {
        await Silo.DefineTenantAsync(Tenant);
        await Silo.DefinePlaceAsync(Tenant, "library");
        var reader = await Silo.RegisterReaderAsync(Tenant, "library-gate", "library", "visit");
        await Silo.DefineResidentWithCardAsync(Tenant, "r1");
        await Silo.DefineResidentWithCardAsync(Tenant, "r2");
        await Silo.TouchAsync(reader, "r1");
        await Silo.WaitForStatsAsync(Tenant, "library", s => s.GetProperty("today").GetProperty("touches").GetInt64() == 1);

        var page = await Browser.PageAsync();
        await page.GotoAsync(new Uri(Silo.BaseAddress, $"/dashboard?tenant={Tenant}").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("施設利用状況ダッシュボード");
        await page.FillAsync("#token", LiveSilo.AdminToken);
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        var touches = page.Locator("[data-place=library] [data-field=touches]");
        await Assertions.Expect(touches).ToHaveTextAsync("1");

        await Silo.TouchAsync(reader, "r2");

        await Assertions.Expect(touches).ToHaveTextAsync("2", new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("[data-place=library] [data-field=visits]")).ToHaveTextAsync("2");
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts, "dashboard-live.png"), FullPage = true });
        Assert.True(File.Exists(Path.Combine(artefacts, "dashboard-live.png")));
    }
}
