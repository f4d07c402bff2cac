using System.Net;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.ResidentPage;

public abstract partial class ResidentPageSuite
{
    [Fact]
    public async Task A_resident_account_links_only_with_the_resident_role_to_a_resident_of_its_own_tenant()
    {
        var my = await MyTownAsync();
        var other = await Town.CreateAsync(Silo);
        Assert.Equal(HttpStatusCode.Created, (await other.Admin.PutJsonAsync(other.Path("residents/r-elsewhere"), new { displayName = "他町の人" })).Status);

        // Only a resident account may carry a resident; a bad id is a bad request.
        foreach (var role in new[] { "family", "staff", "merchant" })
        {
            (await CreateAccountAsync(my.Town, "a-" + role, role, "r1")).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        }

        (await CreateAccountAsync(my.Town, "a-bad", "resident", "r 1/..")).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");

        // The resident must exist in this tenant: one of another tenant is unknown here.
        (await CreateAccountAsync(my.Town, "a-ghost", "resident", "nobody")).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
        (await CreateAccountAsync(my.Town, "a-ghost", "resident", "r-elsewhere")).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");

        var grains = Silo.Services.GetRequiredService<IGrainFactory>();
        foreach (var refused in new[] { "a-family", "a-staff", "a-merchant", "a-bad", "a-ghost" })
        {
            Assert.Null(await grains.GetGrain<IAccountGrain>(my.Town.TenantId, refused).GetAsync());
        }

        var linked = await CreateAccountAsync(my.Town, "me", "resident", "r1");
        Assert.Equal(HttpStatusCode.Created, linked.Status);
        Assert.Equal("r1", (string?)linked.Body!["residentId"]);
        Assert.Equal("r1", (await grains.GetGrain<IAccountGrain>(my.Town.TenantId, "me").GetAsync())!.ResidentId);

        // Without residentId the answer has none (family accounts look as before).
        var family = await CreateAccountAsync(my.Town, "mother", "family");
        Assert.Equal(HttpStatusCode.Created, family.Status);
        Assert.Null(family.Body!["residentId"]);
    }

    [Fact]
    public async Task An_unlinked_resident_account_gets_404_telling_them_to_ask_the_town_office()
    {
        var my = await MyTownAsync();
        Assert.Equal(HttpStatusCode.Created, (await CreateAccountAsync(my.Town, "me", "resident")).Status);
        var token = await LoginAsync(my.Town.TenantId, "me");

        using var japanese = Silo.Client(token);
        var problem = (await japanese.GetJsonAsync("/api/v1/me/resident")).AssertProblem(HttpStatusCode.NotFound, "resident_not_linked");
        Assert.Contains("町役場", (string)problem["detail"]!, StringComparison.Ordinal);
        using var english = Silo.Client(token, "en");
        problem = (await english.GetJsonAsync("/api/v1/me/resident")).AssertProblem(HttpStatusCode.NotFound, "resident_not_linked");
        Assert.Contains("town office", (string)problem["detail"]!, StringComparison.Ordinal);

        // Replacing a linked account without residentId removes the link (and, as before, its tokens).
        var linkedToken = await MyLoginAsync(my.Town);
        Assert.Equal("r1", (string?)(await MeAsync(linkedToken))["residentId"]);
        Assert.Equal(HttpStatusCode.OK, (await CreateAccountAsync(my.Town, "me", "resident")).Status);
        using var relogged = Silo.Client(await LoginAsync(my.Town.TenantId, "me"));
        (await relogged.GetJsonAsync("/api/v1/me/resident")).AssertProblem(HttpStatusCode.NotFound, "resident_not_linked");
    }
}
