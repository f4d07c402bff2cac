using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Accounts;

/// <summary>A Silo whose account tokens last one hour (<c>Auth:AccountTokenLifetime</c>).</summary>
public sealed class OneHourTokenSiloFixture : SqliteSiloFixture
{
    protected override string[] SettingArguments => ["--Auth:AccountTokenLifetime=01:00:00"];
}

/// <summary>The token lifetime is a setting; the login cookie follows it.</summary>
public sealed class TokenLifetimeSettingTests(OneHourTokenSiloFixture silo) : IClassFixture<OneHourTokenSiloFixture>
{
    private const string Password = "hikari-2025-mimamori";

    [Fact]
    public async Task A_configured_lifetime_ends_the_token_and_the_cookie_after_that_time()
    {
        var town = await Town.CreateAsync(silo);
        await town.AccountAsync("staff1", "staff", "職員", Password);
        using var anonymous = silo.Client();
        using var response = await anonymous.PostAsync("/api/v1/login", System.Net.Http.Json.JsonContent.Create(
            new { tenantId = town.TenantId, accountId = "staff1", password = Password }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("expires=" + (silo.Clock.GetUtcNow() + TimeSpan.FromHours(1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            cookie, StringComparison.OrdinalIgnoreCase);
        var token = (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!;

        using var staff = silo.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetJsonAsync("/api/v1/staff/inactivity")).Status);
        silo.Clock.Advance(TimeSpan.FromMinutes(61));
        (await staff.GetJsonAsync("/api/v1/staff/inactivity")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}

/// <summary>A Silo whose account tokens last three seconds, to watch a hub connection end with its token.</summary>
public sealed class ThreeSecondTokenSiloFixture : SqliteSiloFixture
{
    protected override string[] SettingArguments => ["--Auth:AccountTokenLifetime=00:00:03"];
}

/// <summary>An open hub connection does not outlive its login token.</summary>
public sealed class HubTokenExpiryTests(ThreeSecondTokenSiloFixture silo) : IClassFixture<ThreeSecondTokenSiloFixture>
{
    private const string Password = "hikari-2025-mimamori";

    [Fact]
    public async Task The_watch_hub_closes_the_connection_when_its_token_expires()
    {
        var town = await Town.CreateAsync(silo);
        await town.AccountAsync("mother", "family", "母", Password);
        using var anonymous = silo.Client();
        var login = await anonymous.PostJsonAsync("/api/v1/login", new { tenantId = town.TenantId, accountId = "mother", password = Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var hub = await Live.LiveHubClient.ConnectWatchAsync(silo.BaseAddress, (string)login.Body!["token"]!);
        await hub.InvokeAsync("resume", 0);
        Assert.False(hub.Messages.Completion.IsCompleted);

        // The server closes it within its one-second scan after the three seconds.
        await hub.Messages.Completion.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2), $"closed after {started.Elapsed}");
    }
}
