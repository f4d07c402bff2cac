using LoCoPi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// The dashboard in a real browser (Chromium from the distribution, see scripts/install-test-deps.sh):
/// an admin enters the token, sees the town's places, and a counter changes after a touch without
/// a reload. A screenshot is kept in the test output directory.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..12];
    private LiveStorage _storage = null!;
    private LiveSilo _silo = null!;
    private ChromiumBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _storage = await LiveStorage.SqliteAsync();
        _silo = await LiveSilo.StartAsync(_storage);
        _browser = await ChromiumBrowser.LaunchAsync(1280, 900);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _silo.DisposeAsync();
        _storage.Dispose();
    }

    [Fact]
    public async Task The_dashboard_is_Japanese_unless_English_is_asked_for()
    {
        var page = await _browser.PageAsync();

        await page.GotoAsync(new Uri(_silo.BaseAddress, "/dashboard").ToString());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Assertions.Expect(page.Locator("#login button[type=submit]")).ToHaveTextAsync("表示する");

        await page.GotoAsync(new Uri(_silo.BaseAddress, "/dashboard?lang=en").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Facility activity dashboard");
        await Assertions.Expect(page.Locator("#login button[type=submit]")).ToHaveTextAsync("Show");
    }

    [Fact]
    public async Task The_dashboard_shows_a_counter_change_after_a_touch_without_reloading()
    {
        await _silo.DefineTenantAsync(_tenant);
        await _silo.DefinePlaceAsync(_tenant, "library");
        var reader = await _silo.RegisterReaderAsync(_tenant, "library-gate", "library", "visit");
        await _silo.DefineResidentWithCardAsync(_tenant, "r1");
        await _silo.DefineResidentWithCardAsync(_tenant, "r2");
        await _silo.TouchAsync(reader, "r1");
        await _silo.WaitForStatsAsync(_tenant, "library", s => s.GetProperty("today").GetProperty("touches").GetInt64() == 1);

        var page = await _browser.PageAsync();
        await page.GotoAsync(new Uri(_silo.BaseAddress, $"/dashboard?tenant={_tenant}").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("施設利用状況ダッシュボード");
        await page.FillAsync("#token", LiveSilo.AdminToken);
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        var touches = page.Locator("[data-place=library] [data-field=touches]");
        await Assertions.Expect(touches).ToHaveTextAsync("1");

        await _silo.TouchAsync(reader, "r2");

        await Assertions.Expect(touches).ToHaveTextAsync("2", new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("[data-place=library] [data-field=visits]")).ToHaveTextAsync("2");
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts, "dashboard-live.png"), FullPage = true });
        Assert.True(File.Exists(Path.Combine(artefacts, "dashboard-live.png")));
    }
}
