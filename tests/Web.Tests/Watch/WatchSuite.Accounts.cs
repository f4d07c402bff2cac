using System.Net;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

public abstract partial class WatchSuite
{
    [Fact]
    public async Task An_admin_creates_an_account_whose_password_logs_in_with_a_token_and_an_http_only_cookie()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "mother");

        using var client = Silo.Client();
        using var response = await client.PostAsync("/api/v1/login", System.Net.Http.Json.JsonContent.Create(
            new { tenantId = town.TenantId, accountId = "mother", password = Password }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("locopi_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        // Only hashes are stored: neither the password nor the token is in the account's record.
        var stored = await Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(town.TenantId, "mother").GetAsync();
        Assert.NotNull(stored);
        Assert.Equal("family", stored.Role);
        Assert.DoesNotContain(Password, stored.PasswordHash, StringComparison.Ordinal);

        var token = await LoginAsync(town.TenantId, "mother");
        using var family = Silo.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await family.GetJsonAsync("/api/v1/me/alerts")).Status);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_account_and_an_unknown_tenant_all_get_the_same_401()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "mother");
        using var client = Silo.Client(language: "en");

        var wrongPassword = (await client.PostJsonAsync("/api/v1/login", new { tenantId = town.TenantId, accountId = "mother", password = "not-the-password" }))
            .AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        var unknownAccount = (await client.PostJsonAsync("/api/v1/login", new { tenantId = town.TenantId, accountId = "nobody", password = Password }))
            .AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        var unknownTenant = (await client.PostJsonAsync("/api/v1/login", new { tenantId = "t-none", accountId = "mother", password = Password }))
            .AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        Assert.Equal(Http.Json(wrongPassword), Http.Json(unknownAccount));
        Assert.Equal(Http.Json(wrongPassword), Http.Json(unknownTenant));
    }

    [Fact]
    public async Task Accounts_need_a_known_role_and_a_reasonable_password_and_only_the_admin_may_create_them()
    {
        var town = await Town.CreateAsync(Silo);
        (await town.Admin.PostJsonAsync(town.Path("accounts"), new { accountId = "a1", role = "king", displayName = "王", password = Password }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Admin.PostJsonAsync(town.Path("accounts"), new { accountId = "a1", role = "staff", displayName = "職員", password = "short" }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        foreach (var role in new[] { "family", "resident", "staff", "merchant" })
        {
            await AccountAsync(town, "acc-" + role, role);
        }

        var familyToken = await LoginAsync(town.TenantId, "acc-family");
        using var family = Silo.Client(familyToken);
        (await family.PostJsonAsync(town.Path("accounts"), new { accountId = "x", role = "family", displayName = "x", password = Password }))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await family.GetJsonAsync(town.Path("residents/anyone"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");

        // Other roles log in, but the family endpoints are not theirs.
        using var staff = Silo.Client(await LoginAsync(town.TenantId, "acc-staff"));
        (await staff.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        using var admin = Silo.AdminClient();
        (await admin.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = Silo.Client();
        (await anonymous.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Replacing_an_account_revokes_the_tokens_issued_before()
    {
        var town = await Town.CreateAsync(Silo);
        await AccountAsync(town, "mother");
        var token = await LoginAsync(town.TenantId, "mother");
        var replaced = await town.Admin.PostJsonAsync(town.Path("accounts"), new { accountId = "mother", role = "family", displayName = "母", password = Password });
        Assert.Equal(HttpStatusCode.OK, replaced.Status);

        using var family = Silo.Client(token);
        (await family.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
