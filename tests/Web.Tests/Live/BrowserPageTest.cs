using System.Net;
using System.Net.Http.Json;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// A page tested in a real browser: a node of its own on SQLite, a tenant of its own, and Debian's
/// Chromium with a window of the given size; all of it stopped afterwards.
/// </summary>
public abstract class BrowserPageTest(int width, int height) : IAsyncLifetime
{
    private LiveStorage _storage = null!;

    protected string Tenant { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    protected LiveSilo Silo { get; private set; } = null!;

    protected ChromiumBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _storage = await LiveStorage.SqliteAsync();
        Silo = await LiveSilo.StartAsync(_storage);
        Browser = await ChromiumBrowser.LaunchAsync(width, height);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Silo.DisposeAsync();
        _storage.Dispose();
    }

    /// <summary>An admin request under the test's tenant (<c>/api/v1/tenants/{t}/{path}</c>) that must succeed.</summary>
    protected async Task AdminAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(Silo.BaseAddress, $"/api/v1/tenants/{Tenant}/{path}"))
        {
            Content = JsonContent.Create(body),
        };
        using var response = await Silo.Admin.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created,
            $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
