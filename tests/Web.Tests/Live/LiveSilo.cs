using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using LoCoPi.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// A real Silo on a Kestrel port (WebSockets and the browser need a socket), on the storage the
/// test chose, driven only through the HTTP API as readers and admins use it.
/// </summary>
public sealed class LiveSilo : IAsyncDisposable
{
    /// <summary>Every test Silo uses this admin token.</summary>
    public const string AdminToken = "live-tests-admin-token-0123456789abcdef0123456789";

    private readonly WebApplication _app;

    private LiveSilo(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Admin = new HttpClient { BaseAddress = baseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public Uri BaseAddress { get; }

    /// <summary>An HTTP client carrying the admin token.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a node composed exactly as Program.cs composes it, on the real clock.</summary>
    public static Task<LiveSilo> StartAsync(LiveStorage storage, params string[] siloArguments)
        => StartAsync(storage, time: null, siloArguments);

    /// <summary>Starts a node composed exactly as Program.cs composes it, on <paramref name="time"/> (null: the real clock).</summary>
    public static async Task<LiveSilo> StartAsync(LiveStorage storage, TimeProvider? time, params string[] siloArguments)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var options = SiloOptions.Parse(
            [.. storage.Arguments, .. siloArguments, "--urls", "http://127.0.0.1:0", "--LOCOPI_ADMIN_TOKEN=" + AdminToken]);
        var builder = WebApplication.CreateBuilder(options.HostArguments);
        builder.AddLoCoPiSilo(options);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var app = builder.Build();
        app.UseLoCoPiSilo(options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LiveSilo(app, new Uri(address));
    }

    public async Task DefineTenantAsync(string tenantId, string timeZone = "Asia/Tokyo")
        => await PutAsync($"/api/v1/tenants/{tenantId}", new { name = tenantId + " town", timeZone });

    public async Task DefinePlaceAsync(string tenantId, string placeId, string kind = "facility")
        => await PutAsync($"/api/v1/tenants/{tenantId}/places/{placeId}", new { name = placeId, kind, pointsPerVisit = 10 });

    /// <summary>Registers a reader and returns its token.</summary>
    public async Task<string> RegisterReaderAsync(string tenantId, string readerId, string placeId, string mode)
    {
        var reply = await PutAsync($"/api/v1/tenants/{tenantId}/readers/{readerId}", new { placeId, mode });
        return reply.GetProperty("token").GetString()!;
    }

    /// <summary>Defines a resident with one card, <c>card-{residentId}</c>.</summary>
    public async Task DefineResidentWithCardAsync(string tenantId, string residentId)
    {
        await PutAsync($"/api/v1/tenants/{tenantId}/residents/{residentId}", new { birthYear = 1960 });
        await PutAsync($"/api/v1/tenants/{tenantId}/cards/card-{residentId}", new { residentId });
    }

    /// <summary>Touches <c>card-{residentId}</c> on a reader; returns the acknowledged outcome.</summary>
    public async Task<string> TouchAsync(string readerToken, string residentId, DateTimeOffset? at = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "/api/v1/touches"))
        {
            Content = JsonContent.Create(at is { } when
                ? new { touchId = Guid.NewGuid().ToString("N"), cardId = "card-" + residentId, at = (DateTimeOffset?)when }
                : new { touchId = Guid.NewGuid().ToString("N"), cardId = "card-" + residentId, at = (DateTimeOffset?)null }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", readerToken);
        using var response = await Admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"touch failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString()!;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetStatsAsync(string tenantId, string placeId)
    {
        using var response = await Admin.GetAsync($"/api/v1/tenants/{tenantId}/places/{placeId}/stats");
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Polls the stats endpoint until <paramref name="condition"/> holds or the deadline passes.</summary>
    public async Task<JsonElement> WaitForStatsAsync(
        string tenantId, string placeId, Func<JsonElement, bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var (status, body) = await GetStatsAsync(tenantId, placeId);
            Assert.Equal(HttpStatusCode.OK, status);
            if (condition(body))
            {
                return body;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"stats never reached the expected value; last: {body}");
            await Task.Yield();
            await Task.Delay(20);
        }
    }

    public Task<LiveHubClient> ConnectHubAsync() => LiveHubClient.ConnectAsync(BaseAddress, "/hubs/live", AdminToken);

    private async Task<JsonElement> PutAsync(string path, object body)
    {
        using var response = await Admin.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {path} failed: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
