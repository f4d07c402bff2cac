using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LoCoPi.Silo.Hosting;
using LoCoPi.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

/// <summary>
/// Inactivity: a durable reminder per watched resident raises one gentle alert when the resident
/// has not touched anywhere for the configured period (default 2 days). The clock is a
/// <see cref="TickingClock"/>, so moving it two days fires the reminder; the node is restarted
/// in-process on the same SQLite file to show the reminder is durable. The town staff's side is in
/// InactivityTests.Staff.cs.
/// </summary>
public sealed partial class InactivityTests : IAsyncLifetime
{
    private const string Tenant = "kochi";
    private const string Password = "hikari-2025-mimamori";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-inactivity-").FullName;
    // Starts at the real time: the browser drops a session cookie whose expiry (clock + 30 days) is past.
    private readonly TickingClock _clock = new(DateTimeOffset.UtcNow);
    private WebApplication? _app;
    private Uri _baseAddress = null!;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_watched_resident_quiet_for_two_days_raises_one_gentle_alert_and_a_touch_resets_it()
    {
        var reader = await SetUpAsync();
        var token = await LoginAsync();
        await TouchAsync(reader, "morning");
        await WaitForAlertsAsync(token, a => a.Count == 1);

        _clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        var alerts = await WaitForAlertsAsync(token, a => a.Any(IsInactivity));
        var quiet = alerts.Single(IsInactivity)!;
        Assert.Equal("grandpa", (string?)quiet["residentId"]);
        Assert.Equal("太郎", (string?)quiet["displayName"]);
        Assert.Equal(_clock.GetUtcNow(), DateTimeOffset.Parse((string)quiet["at"]!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(1));

        // Later checks of the same quiet spell raise nothing more; a touch ends the spell.
        _clock.Advance(TimeSpan.FromHours(3));
        await TouchAsync(reader, "evening");
        alerts = await WaitForAlertsAsync(token, a => a.Count(n => !IsInactivity(n)) == 2);
        Assert.Single(alerts, IsInactivity);

        _clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        alerts = await WaitForAlertsAsync(token, a => a.Count(IsInactivity) == 2);
        Assert.Equal(4, alerts.Count);
    }

    [Fact]
    public async Task The_inactivity_reminder_survives_a_restart()
    {
        await SetUpAsync();
        var token = await LoginAsync();
        await StopAsync();
        await StartAsync();

        _clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));

        var alerts = await WaitForAlertsAsync(token, a => a.Count == 1);
        Assert.True(IsInactivity(alerts[0]));
    }

    private static bool IsInactivity(JsonNode? alert) => (string?)alert!["kind"] == "inactivity";

    private async Task StartAsync()
    {
        var options = SiloOptions.Parse([
            "--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(_directory, "locopi.db"),
            "--urls", "http://127.0.0.1:0", "--LOCOPI_ADMIN_TOKEN=" + SiloFixture.AdminToken]);
        var builder = WebApplication.CreateBuilder(options.HostArguments);
        builder.AddLoCoPiSilo(options);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        _app = builder.Build();
        _app.UseLoCoPiSilo(options);
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = _baseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private async Task<string> SetUpAsync()
    {
        using var admin = Client(SiloFixture.AdminToken);
        async Task SendAsync(HttpMethod method, string path, object body)
        {
            var response = await admin.SendAsync(method, path, body);
            Assert.True(response.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"{path}: {response.Status} {Http.Json(response.Body)}");
        }

        await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}", new { name = "須崎町", timeZone = "Asia/Tokyo" });
        await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/places/hall", new { name = "公民館", kind = "facility" });
        await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/residents/grandpa", new { displayName = "太郎" });
        await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/cards/c-grandpa", new { residentId = "grandpa" });
        await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/accounts", new { accountId = "daughter", role = "family", displayName = "娘", password = Password });
        await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/residents/grandpa/watchers/daughter", new { consentBy = "太郎（本人）", consentAt = _clock.GetUtcNow() });
        var reader = await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/readers/hall-door", new { placeId = "hall", mode = "visit" });
        return (string)reader.Body!["token"]!;
    }

    private async Task<string> LoginAsync()
    {
        using var client = Client(null);
        var response = await client.PostJsonAsync("/api/v1/login", new { tenantId = Tenant, accountId = "daughter", password = Password });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string)response.Body!["token"]!;
    }

    private async Task TouchAsync(string readerToken, string touchId)
    {
        using var reader = Client(readerToken);
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId, cardId = "c-grandpa" })).Status);
    }

    /// <summary>Polls the inbox (each round a real request) until <paramref name="condition"/> holds.</summary>
    private async Task<List<JsonNode?>> WaitForAlertsAsync(string token, Func<List<JsonNode?>, bool> condition)
    {
        using var client = Client(token);
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var response = await client.GetJsonAsync("/api/v1/me/alerts");
            Assert.Equal(HttpStatusCode.OK, response.Status);
            var alerts = response.Body!.AsArray().ToList();
            if (condition(alerts))
            {
                return alerts;
            }

            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
