using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Web.Tests.Support;
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

    // Starts at the real time: the browser drops a session cookie whose expiry (clock + 30 days) is past.
    private readonly TickingSilo _silo = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => _silo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_watched_resident_quiet_for_two_days_raises_one_gentle_alert_and_a_touch_resets_it()
    {
        var reader = await SetUpAsync();
        var token = await LoginAsync();
        await TouchAsync(reader, "morning");
        await WaitForAlertsAsync(token, a => a.Count == 1);

        _silo.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        var alerts = await WaitForAlertsAsync(token, a => a.Any(IsInactivity));
        var quiet = alerts.Single(IsInactivity)!;
        Assert.Equal("grandpa", (string?)quiet["residentId"]);
        Assert.Equal("太郎", (string?)quiet["displayName"]);
        Assert.Equal(_silo.Clock.GetUtcNow(), DateTimeOffset.Parse((string)quiet["at"]!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(1));

        // Later checks of the same quiet spell raise nothing more; a touch ends the spell.
        _silo.Clock.Advance(TimeSpan.FromHours(3));
        await TouchAsync(reader, "evening");
        alerts = await WaitForAlertsAsync(token, a => a.Count(n => !IsInactivity(n)) == 2);
        Assert.Single(alerts, IsInactivity);

        _silo.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        alerts = await WaitForAlertsAsync(token, a => a.Count(IsInactivity) == 2);
        Assert.Equal(4, alerts.Count);
    }

    [Fact]
    public async Task The_inactivity_reminder_survives_a_restart()
    {
        await SetUpAsync();
        var token = await LoginAsync();
        await _silo.StopAsync();
        await _silo.StartAsync();

        _silo.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));

        var alerts = await WaitForAlertsAsync(token, a => a.Count == 1);
        Assert.True(IsInactivity(alerts[0]));
    }

    private static bool IsInactivity(JsonNode? alert) => (string?)alert!["kind"] == "inactivity";

    private async Task<string> SetUpAsync()
    {
        using var admin = _silo.Client(SiloFixture.AdminToken);
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
        await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/residents/grandpa/watchers/daughter", new { consentBy = "太郎（本人）", consentAt = _silo.Clock.GetUtcNow() });
        var reader = await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/readers/hall-door", new { placeId = "hall", mode = "visit" });
        return (string)reader.Body!["token"]!;
    }

    private async Task<string> LoginAsync()
    {
        using var client = _silo.Client(null);
        var response = await client.PostJsonAsync("/api/v1/login", new { tenantId = Tenant, accountId = "daughter", password = Password });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string)response.Body!["token"]!;
    }

    private async Task TouchAsync(string readerToken, string touchId)
    {
        using var reader = _silo.Client(readerToken);
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId, cardId = "c-grandpa" })).Status);
    }

    /// <summary>Polls the inbox (each round a real request) until <paramref name="condition"/> holds.</summary>
    private async Task<List<JsonNode?>> WaitForAlertsAsync(string token, Func<List<JsonNode?>, bool> condition)
    {
        using var client = _silo.Client(token);
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
