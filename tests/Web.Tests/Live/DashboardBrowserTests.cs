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

    [Fact]
    public async Task The_dashboard_titles_places_by_name_and_shows_a_shelter_s_occupancy_against_its_capacity()
    {
        await Silo.DefineTenantAsync(Tenant);
        await AdminAsync(HttpMethod.Put, "places/library", new { name = "朝日町図書館", kind = "facility", pointsPerVisit = 10 });
        await AdminAsync(HttpMethod.Put, "places/shelter-tomari", new { name = "避難所 泊地区体育館", kind = "shelter", pointsPerVisit = 0, capacity = 200 });
        var libraryGate = await Silo.RegisterReaderAsync(Tenant, "library-gate", "library", "visit");
        var shelterEntrance = await Silo.RegisterReaderAsync(Tenant, "tomari-in", "shelter-tomari", "check_in");
        foreach (var resident in new[] { "r1", "r2", "r3" })
        {
            await Silo.DefineResidentWithCardAsync(Tenant, resident);
        }

        await Silo.TouchAsync(libraryGate, "r1");
        await Silo.WaitForStatsAsync(Tenant, "library", s => s.GetProperty("today").GetProperty("touches").GetInt64() == 1);

        var page = await Browser.PageAsync();
        await page.GotoAsync(new Uri(Silo.BaseAddress, $"/dashboard?tenant={Tenant}").ToString());
        await page.FillAsync("#token", LiveSilo.AdminToken);
        await page.ClickAsync("#login button[type=submit]");

        // A place the page joined with, and one whose first touch arrives as a push: both by name.
        await Assertions.Expect(page.Locator("[data-place=library] .place-name")).ToHaveTextAsync("朝日町図書館");
        await Silo.TouchAsync(shelterEntrance, "r1");
        await Silo.TouchAsync(shelterEntrance, "r2");
        var shelter = page.Locator("[data-place=shelter-tomari]");
        await Assertions.Expect(shelter.Locator(".place-name")).ToHaveTextAsync("避難所 泊地区体育館", new() { Timeout = 5_000 });
        await Assertions.Expect(shelter.Locator(".inside dt")).ToHaveTextAsync("避難者");
        await Assertions.Expect(shelter.Locator("[data-field=inside]")).ToHaveTextAsync("2 / 200", new() { Timeout = 5_000 });

        await Silo.TouchAsync(shelterEntrance, "r3");
        await Assertions.Expect(shelter.Locator("[data-field=inside]")).ToHaveTextAsync("3 / 200", new() { Timeout = 5_000 });
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts, "dashboard-names.png"), FullPage = true });
    }
}
