using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Accounts;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Accounts;

/// <summary>
/// The limits of account logins over real HTTP: wrong passwords lock an account for a while (the
/// count is durable), and login tokens expire. Each provider runs on a Silo of its own, because the
/// tests move its clock by days.
/// </summary>
public abstract class LoginLimitsSuite(SiloFixture silo)
{
    private const string Password = "hikari-2025-mimamori";
    private const string WrongPassword = "not-the-password";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    protected SiloFixture Silo { get; } = silo;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_with_429_and_Retry_After_even_for_the_right_password()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "mother");
        await FailFiveTimesAsync(town, "mother");

        var locked = await LoginAsync(town.TenantId, "mother", Password);
        var problem = locked.Response.AssertProblem(HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.Equal("900", locked.RetryAfter);
        Assert.Contains("15分", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("役場", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal("ログインの試行回数が多すぎます", (string)problem["title"]!);

        Silo.Clock.Advance(TimeSpan.FromMinutes(10));
        var english = await LoginAsync(town.TenantId, "mother", Password, language: "en");
        var englishProblem = english.Response.AssertProblem(HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.Equal("300", english.RetryAfter);
        Assert.Contains("about 5 minutes", (string)englishProblem["detail"]!, StringComparison.Ordinal);
        Assert.Equal("Too many login attempts", (string)englishProblem["title"]!);

        // The lock ends 15 minutes after the last counted failure; the attempts while locked did not count.
        Silo.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(town.TenantId, "mother", Password)).Response.Status);
    }

    [Fact]
    public async Task An_admin_setting_the_password_again_lifts_the_lock()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "uncle");
        await FailFiveTimesAsync(town, "uncle");

        (await LoginAsync(town.TenantId, "uncle", Password)).Response.AssertProblem(HttpStatusCode.TooManyRequests, "too_many_attempts");
        var replaced = await town.Admin.PostJsonAsync(town.Path("accounts"), new { accountId = "uncle", role = "family", displayName = "家族", password = Password });
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(town.TenantId, "uncle", Password)).Response.Status);
    }

    [Fact]
    public async Task The_login_endpoint_documents_the_429_in_OpenAPI()
    {
        using var anonymous = Silo.Client();
        var openApi = await anonymous.GetJsonAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.Status);
        var responses = openApi.Body!["paths"]!["/api/v1/login"]!["post"]!["responses"]!.AsObject();
        Assert.Contains("429", responses.Select(r => r.Key));
    }

    [Fact]
    public async Task A_successful_login_resets_the_count_of_wrong_passwords()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "father");
        for (var round = 0; round < 3; round++)
        {
            // Four wrong, then right, three times within one window: twelve failures, never five in a row.
            for (var i = 0; i < 4; i++)
            {
                (await LoginAsync(town.TenantId, "father", WrongPassword)).Response.AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
            }

            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(town.TenantId, "father", Password)).Response.Status);
            Silo.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task Wrong_passwords_sent_at_once_are_checked_one_at_a_time_so_only_five_are_tried()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "cousin");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => LoginAsync(town.TenantId, "cousin", WrongPassword))));
        Assert.Equal(5, attempts.Count(a => a.Response.Status == HttpStatusCode.Unauthorized));
        Assert.Equal(15, attempts.Count(a => a.Response.Status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Guesses_at_an_id_that_is_no_account_sent_at_once_are_also_checked_one_at_a_time()
    {
        // The lock of an unknown id must hold as the lock of a real account does, or parallel
        // guesses would tell which ids are real by getting more than five 401s.
        var town = await Town.CreateAsync(Silo);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => LoginAsync(town.TenantId, "no-such-cousin", WrongPassword))));
        Assert.Equal(5, attempts.Count(a => a.Response.Status == HttpStatusCode.Unauthorized));
        Assert.Equal(15, attempts.Count(a => a.Response.Status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_count_of_wrong_passwords_survives_a_restart_of_the_Silo()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "grandma");
        await FailFiveTimesAsync(town, "grandma");

        await Silo.RestartAsync();

        var locked = await LoginAsync(town.TenantId, "grandma", Password);
        locked.Response.AssertProblem(HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.Equal("900", locked.RetryAfter);
        Silo.Clock.Advance(Window);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(town.TenantId, "grandma", Password)).Response.Status);
    }

    [Fact]
    public async Task An_unknown_account_answers_exactly_like_a_real_one_lock_included_and_stores_nothing()
    {
        // The lock must not tell a guesser which account ids are real: the sixth guess at an id that
        // is no account gets the same 429 as the sixth at a real one.
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "mother");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await LoginAsync(town.TenantId, "mother", WrongPassword);
            var unknown = await LoginAsync(town.TenantId, "nobody", WrongPassword);
            Assert.Equal(
                Http.Json(wrong.Response.AssertProblem(HttpStatusCode.Unauthorized, "login_failed")),
                Http.Json(unknown.Response.AssertProblem(HttpStatusCode.Unauthorized, "login_failed")));
            Assert.Null(unknown.RetryAfter);
        }

        var realLocked = await LoginAsync(town.TenantId, "mother", Password);
        var unknownLocked = await LoginAsync(town.TenantId, "nobody", Password);
        Assert.Equal(
            Http.Json(realLocked.Response.AssertProblem(HttpStatusCode.TooManyRequests, "too_many_attempts")),
            Http.Json(unknownLocked.Response.AssertProblem(HttpStatusCode.TooManyRequests, "too_many_attempts")));
        Assert.Equal("900", unknownLocked.RetryAfter);

        // Another unknown id is not locked by this one, and the lock ends with the window, as for a real account.
        (await LoginAsync(town.TenantId, "someone-else", Password)).Response.AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        Silo.Clock.Advance(Window);
        (await LoginAsync(town.TenantId, "nobody", Password)).Response.AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(town.TenantId, "mother", Password)).Response.Status);

        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        Assert.Null(await storage.ReadStateAsync(AccountKey(town.TenantId, "nobody"), CancellationToken.None));
    }

    [Fact]
    public async Task A_token_used_after_its_lifetime_is_401_and_a_fresh_login_works()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "aunt");
        var token = (string)(await LoginAsync(town.TenantId, "aunt", Password)).Response.Body!["token"]!;
        using var before = Silo.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await before.GetJsonAsync("/api/v1/me/alerts")).Status);

        Silo.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await before.GetJsonAsync("/api/v1/me/alerts")).Status);
        Silo.Clock.Advance(TimeSpan.FromMinutes(2));
        (await before.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");

        var fresh = (string)(await LoginAsync(town.TenantId, "aunt", Password)).Response.Body!["token"]!;
        using var after = Silo.Client(fresh);
        Assert.Equal(HttpStatusCode.OK, (await after.GetJsonAsync("/api/v1/me/alerts")).Status);

        // The login's write dropped the expired token: only the fresh one is stored.
        var stored = await StoredStateAsync(town.TenantId, "aunt");
        var kept = Assert.Single(stored["tokens"]!.AsArray());
        Assert.Equal(TokenHashing.Hash(fresh), (string)kept!["hash"]!);
    }

    [Fact]
    public async Task A_token_stored_before_tokens_expired_keeps_working_for_a_lifetime_from_the_upgrade()
    {
        var town = await Town.CreateAsync(Silo);
        // The record exactly as the previous version wrote it: token hashes without any time.
        var token = AccountTokens.Create(town.TenantId, "elder");
        var passwordHash = Silo.Services.GetRequiredService<AccountPasswords>().Hash(Password);
        var oldShape = new JsonObject
        {
            ["role"] = "family",
            ["displayName"] = "祖父",
            ["passwordHash"] = passwordHash,
            ["tokenHashes"] = new JsonArray(TokenHashing.Hash(token)),
        };
        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        await storage.WriteStateAsync(
            new GrainStateWrite(AccountKey(town.TenantId, "elder"), Encoding.UTF8.GetBytes(oldShape.ToJsonString()), null, []),
            CancellationToken.None);

        // First use after the upgrade: still logged in, and the upgrade time is stored with the token.
        using (var elder = Silo.Client(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await elder.GetJsonAsync("/api/v1/me/alerts")).Status);
        }

        var upgraded = await StoredStateAsync(town.TenantId, "elder");
        Assert.Empty(upgraded["tokenHashes"]!.AsArray());
        Assert.Equal(Silo.Clock.GetUtcNow(), DateTimeOffset.Parse((string)Assert.Single(upgraded["tokens"]!.AsArray())!["issuedAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        // A restart does not start the 30 days again: they count from the first use above.
        Silo.Clock.Advance(TimeSpan.FromDays(29));
        await Silo.RestartAsync();
        using (var elder = Silo.Client(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await elder.GetJsonAsync("/api/v1/me/alerts")).Status);
            Silo.Clock.Advance(TimeSpan.FromDays(2));
            (await elder.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(town.TenantId, "elder", Password)).Response.Status);
    }

    private static GrainStateKey AccountKey(string tenantId, string accountId) => new(tenantId, WatchGrainInterfaces.Account, accountId, "state");

    private async Task<JsonNode> StoredStateAsync(string tenantId, string accountId)
    {
        var stored = await Silo.Services.GetRequiredService<IGrainStorage>().ReadStateAsync(AccountKey(tenantId, accountId), CancellationToken.None);
        Assert.NotNull(stored?.Payload);
        return JsonNode.Parse(stored.Payload.Value.Span)!;
    }

    private static async Task AccountAsync(Town town, string accountId)
    {
        var response = await town.Admin.PostJsonAsync(town.Path("accounts"), new { accountId, role = "family", displayName = "家族", password = Password });
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    /// <summary>The five wrong passwords that lock an account, each answered 401 login_failed.</summary>
    private async Task FailFiveTimesAsync(Town town, string accountId)
    {
        for (var i = 0; i < 5; i++)
        {
            (await LoginAsync(town.TenantId, accountId, WrongPassword)).Response.AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        }
    }

    private async Task<((HttpStatusCode Status, JsonNode? Body, string? ContentType) Response, string? RetryAfter)> LoginAsync(
        string tenantId, string accountId, string password, string? language = null)
    {
        using var client = Silo.Client(language: language);
        using var response = await client.PostAsync("/api/v1/login", JsonContent.Create(new { tenantId, accountId, password }));
        var text = await response.Content.ReadAsStringAsync();
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;
        return ((response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType), retryAfter);
    }
}

public sealed class SqliteLoginLimitsTests(SqliteSiloFixture silo) : LoginLimitsSuite(silo), IClassFixture<SqliteSiloFixture>;

public sealed class PostgresLoginLimitsTests(PostgresSiloFixture silo) : LoginLimitsSuite(silo), IClassFixture<PostgresSiloFixture>;
