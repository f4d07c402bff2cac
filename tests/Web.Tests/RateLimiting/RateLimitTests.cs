using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.RateLimiting;

/// <summary>
/// A Silo with small per-address limits (5 logins, 5 failed authentications, refilled over an hour,
/// so nothing refills while a test runs). Each test speaks from a loopback address of its own.
/// </summary>
public sealed class SmallRateLimitSiloFixture : SqliteSiloFixture
{
    public const int Limit = 5;

    protected override string[] SettingArguments =>
    [
        $"--RateLimits:Login:PermitLimit={Limit}", "--RateLimits:Login:Window=01:00:00",
        $"--RateLimits:FailedAuth:PermitLimit={Limit}", "--RateLimits:FailedAuth:Window=01:00:00",
    ];
}

/// <summary>
/// Per-client-address rate limits: a flood of logins or of wrong tokens from one address gets 429
/// <c>too_many_requests</c> with <c>Retry-After</c>; other addresses and valid tokens are not limited.
/// </summary>
public sealed class RateLimitTests(SmallRateLimitSiloFixture silo) : IClassFixture<SmallRateLimitSiloFixture>
{
    private const int Limit = SmallRateLimitSiloFixture.Limit;
    private const string Password = "hikari-2025-mimamori";

    // Twelve minutes to refill one permit (an hour over five).
    private const int RefillSeconds = 720;

    [Fact]
    public async Task A_login_flood_from_one_address_gets_429_with_Retry_After_and_another_address_still_logs_in()
    {
        var town = await Town.CreateAsync(silo);
        await town.AccountAsync("mother", "family", "母", Password);
        using var flooder = silo.ClientFrom(IPAddress.Parse("127.0.0.11"));
        for (var i = 0; i < Limit; i++)
        {
            // Different ids, so the per-account lock (5 wrong passwords) is not what stops them.
            (await flooder.PostJsonAsync("/api/v1/login", new { tenantId = town.TenantId, accountId = "guess-" + i, password = "wrong-password" }))
                .AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        }

        using var refused = await flooder.PostAsync("/api/v1/login", JsonContent.Create(new { tenantId = town.TenantId, accountId = "mother", password = Password }));
        var problem = await AssertTooManyRequestsAsync(refused);
        Assert.Equal("リクエストが多すぎます", (string)problem["title"]!);

        using var neighbour = silo.ClientFrom(IPAddress.Parse("127.0.0.12"));
        Assert.Equal(HttpStatusCode.OK, (await neighbour.PostJsonAsync("/api/v1/login", new { tenantId = town.TenantId, accountId = "mother", password = Password })).Status);
    }

    [Fact]
    public async Task A_flood_of_wrong_tokens_gets_429_with_Retry_After_in_English_on_request()
    {
        var town = await Town.CreateAsync(silo);
        for (var i = 0; i < Limit; i++)
        {
            using var forger = silo.ClientFrom(IPAddress.Parse("127.0.0.21"), ForgedReaderToken(town.TenantId, i));
            (await forger.PostJsonAsync("/api/v1/touches", new { touchId = "t" + i, cardId = "c1" }))
                .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var next = silo.ClientFrom(IPAddress.Parse("127.0.0.21"), ForgedReaderToken(town.TenantId, Limit), language: "en");
        using var refused = await next.PostAsync("/api/v1/touches", JsonContent.Create(new { touchId = "t-next", cardId = "c1" }));
        var problem = await AssertTooManyRequestsAsync(refused);
        Assert.Equal("Too many requests", (string)problem["title"]!);
        Assert.Contains($"about {RefillSeconds} seconds", (string)problem["detail"]!, StringComparison.Ordinal);

        // No token at all counts the same once the address is over the limit.
        using var anonymous = silo.ClientFrom(IPAddress.Parse("127.0.0.21"));
        await AssertTooManyRequestsAsync(await anonymous.GetAsync($"/api/v1/tenants/{town.TenantId}/places/p1"));
    }

    [Fact]
    public async Task Requests_without_a_token_that_end_401_are_counted_too()
    {
        using var anonymous = silo.ClientFrom(IPAddress.Parse("127.0.0.31"));
        for (var i = 0; i < Limit; i++)
        {
            (await anonymous.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        }

        await AssertTooManyRequestsAsync(await anonymous.GetAsync("/api/v1/me/alerts"));

        // Anonymous pages are not refused: only what would end 401 is.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_valid_reader_token_is_never_limited()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        await town.ResidentAsync("r1", "card-1");
        var token = await town.ReaderTokenAsync("reader-1", "library");
        using var reader = silo.ClientFrom(IPAddress.Parse("127.0.0.41"), token);
        for (var i = 0; i < Limit * 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "touch-" + i, cardId = "card-1" })).Status);
        }
    }

    /// <summary>A real token's shape, for a reader that does not exist.</summary>
    private static string ForgedReaderToken(string tenantId, int i) => ReaderTokens.Create(tenantId, "forged-" + i);

    private static async Task<JsonNode> AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode} {text}");
            var problem = (response.StatusCode, JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType)
                .AssertProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
            var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
            var seconds = int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, RefillSeconds);
            return problem;
        }
    }
}
