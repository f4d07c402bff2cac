using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task A_missing_or_wrong_token_is_401_problem_json()
    {
        (await Silo.Client().PutJsonAsync("/api/v1/tenants/t-x", new { name = "x" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await Silo.Client("not-a-token").PutJsonAsync("/api/v1/tenants/t-x", new { name = "x" }))
            .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await Silo.Client().PostJsonAsync("/api/v1/touches", new { touchId = "a", cardId = "b" }))
            .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Authentication_is_checked_before_the_content_type_and_a_body_that_is_not_JSON_is_415()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Put, "/api/v1/tenants/t-ct")
        {
            Content = new StringContent("{\"name\": \"x\"}", System.Text.Encoding.UTF8, "text/plain"),
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Silo.Client().SendAsync(anonymous)).StatusCode);

        var id = "t-" + Guid.NewGuid().ToString("N")[..8];
        using var plain = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}")
        {
            Content = new StringContent("{\"name\": \"朝日町\"}", System.Text.Encoding.UTF8, "text/plain"),
        };
        using var response = await Silo.AdminClient().SendAsync(plain);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        (await Silo.AdminClient().GetJsonAsync($"/api/v1/tenants/{id}")).AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
    }

    [Fact]
    public async Task A_reader_token_cannot_administer_and_the_admin_token_cannot_touch()
    {
        var town = await TownAsync();
        await town.PlaceAsync("library");
        var reader = await town.ReaderAsync("rd1", "library");
        (await reader.PutJsonAsync(town.Path("places/library"), new { name = "x", kind = "facility", pointsPerVisit = 1000 }))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await reader.PutJsonAsync(town.Path("readers/rd1"), new { placeId = "library", mode = "visit" }))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await town.Admin.PostJsonAsync("/api/v1/touches", new { touchId = "a", cardId = "b" }))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_reader_token_acts_only_for_its_own_tenant_and_place()
    {
        ResetClock();
        var home = await TownAsync();
        var other = await TownAsync();
        await home.PlaceAsync("library", pointsPerVisit: 10);
        await other.PlaceAsync("library", pointsPerVisit: 99);
        await other.ResidentAsync("r1", "c1");
        var token = await home.ReaderTokenAsync("rd1", "library");

        // The card exists only in the other tenant: the reader's tenant comes from its token.
        (await Silo.Client(token).PostJsonAsync("/api/v1/touches", new { touchId = "p1", cardId = "c1" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_card");

        // Rewriting the tenant inside the token does not move it to the other tenant.
        var parts = token.Split('.');
        parts[1] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(other.TenantId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        (await Silo.Client(string.Join('.', parts)).PostJsonAsync("/api/v1/touches", new { touchId = "p2", cardId = "c1" }))
            .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(0, await other.PointsAsync("r1"));
    }

    [Fact]
    public async Task Registering_a_reader_again_issues_a_new_token_and_the_old_one_stops_working()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library");
        await town.PlaceAsync("pool", pointsPerVisit: 1);
        await town.ResidentAsync("r1", "c1");
        var oldToken = await town.ReaderTokenAsync("rd1", "library");
        var newToken = await town.ReaderTokenAsync("rd1", "pool");
        Assert.NotEqual(oldToken, newToken);

        (await Silo.Client(oldToken).PostJsonAsync("/api/v1/touches", new { touchId = "r-1", cardId = "c1" }))
            .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var touch = await Silo.Client(newToken).PostJsonAsync("/api/v1/touches", new { touchId = "r-2", cardId = "c1" });
        Assert.Equal(1, (long)touch.Body!["pointsAwarded"]!);
    }

    [Fact]
    public async Task Problem_titles_and_details_are_Japanese_by_default_and_English_on_request()
    {
        var town = await TownAsync();
        await town.PlaceAsync("library");
        var token = await town.ReaderTokenAsync("rd1", "library");
        var japanese = (await Silo.Client(token).PostJsonAsync("/api/v1/touches", new { touchId = "l1", cardId = "nope" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_card");
        var english = (await Silo.Client(token, "en").PostJsonAsync("/api/v1/touches", new { touchId = "l1", cardId = "nope" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_card");

        Assert.Contains("カード", (string)japanese["detail"]!, StringComparison.Ordinal);
        Assert.Contains("card", (string)english["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("カード", (string)english["detail"]!, StringComparison.Ordinal);
        Assert.Equal("未登録のカード", (string?)japanese["title"]);
        Assert.Equal("Unknown card", (string?)english["title"]);
    }
}
