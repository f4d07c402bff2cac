using Microsoft.Playwright;

namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (installed by scripts/install-test-deps.sh; never
/// `playwright install`), in Japanese and Tokyo time, with a fresh profile. The flags keep it off the
/// network, which this machine refuses anyway.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _context;
    private readonly string _userDataDir;

    private ChromiumBrowser(IPlaywright playwright, IBrowserContext context, string userDataDir)
    {
        _playwright = playwright;
        _context = context;
        _userDataDir = userDataDir;
    }

    public static async Task<ChromiumBrowser> LaunchAsync(int width, int height)
    {
        var userDataDir = Directory.CreateTempSubdirectory("locopi-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = Args,
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new() { Width = width, Height = height },
        });
        return new ChromiumBrowser(playwright, context, userDataDir);
    }

    /// <summary>The page the persistent context opened with, or a new one.</summary>
    public async Task<IPage> PageAsync() => _context.Pages.Count > 0 ? _context.Pages[0] : await _context.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        _playwright.Dispose();
        Directory.Delete(_userDataDir, recursive: true);
    }
}
