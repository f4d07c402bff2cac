using Microsoft.Playwright;

namespace LoCoPi.Web.Tests.Support;

/// <summary>The login form the pages share (page-session.js), driven in a real browser.</summary>
public static class LoginForm
{
    /// <summary>
    /// Five wrong passwords for <paramref name="account"/>, each answered on the form with
    /// <paramref name="failedText"/>: the account is then locked, and the next login answers 429.
    /// </summary>
    public static async Task FailUntilLockedAsync(IPage page, string account, string failedText)
    {
        await page.FillAsync("#account", account);
        for (var i = 0; i < 5; i++)
        {
            await page.FillAsync("#password", "wrong-password-" + i);
            await page.ClickAsync("#login button[type=submit]");
            await Assertions.Expect(page.Locator("#error")).ToContainTextAsync(failedText);
            await page.EvaluateAsync("() => { document.getElementById('error').textContent = ''; }");
        }
    }
}
