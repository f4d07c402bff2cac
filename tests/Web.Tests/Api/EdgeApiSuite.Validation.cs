using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

public abstract partial class EdgeApiSuite
{
    [Theory]
    [InlineData("{\"name\": \"x\", \"kind\": \"facility\"")]
    [InlineData("not json")]
    [InlineData("{\"name\": 12, \"kind\": \"facility\"}")]
    [InlineData("{\"kind\": \"facility\"}")]
    [InlineData("{\"name\": null, \"kind\": \"facility\"}")]
    [InlineData("{\"name\": \"x\", \"kind\": \"castle\"}")]
    [InlineData("{\"name\": \"x\", \"kind\": \"facility\", \"pointsPerVisit\": -1}")]
    [InlineData("{\"name\": \"x\", \"kind\": \"facility\", \"pointsPerVisit\": \"ten\"}")]
    [InlineData("{\"name\": \"x\", \"kind\": \"facility\", \"pointsPerVisit\": \"10\"}")]
    [InlineData("{\"name\": \"x\", \"kind\": \"facility\", \"capacity\": \"300\"}")]
    [InlineData("{\"name\": \"x\", \"kind\": \"facility\", \"pointsPerVisit\": 1e40}")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task A_malformed_place_body_is_400_invalid_request_and_creates_nothing(string body)
    {
        var town = await TownAsync();
        (await town.Admin.SendAsync(HttpMethod.Put, town.Path("places/p1"), body))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Admin.GetJsonAsync(town.Path("places/p1"))).AssertProblem(HttpStatusCode.NotFound, "unknown_place");
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("semi;colon")]
    [InlineData("ａｂｃ")]
    [InlineData("a0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task An_invalid_identifier_in_a_path_is_400(string placeId)
    {
        var town = await TownAsync();
        (await town.Admin.PutJsonAsync(town.Path("places/" + Uri.EscapeDataString(placeId)), new { name = "x", kind = "facility" }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Invalid_identifiers_wrong_types_and_missing_fields_in_a_touch_are_400_and_change_nothing()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library");
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        string[] bodies =
        [
            "{\"touchId\": \"has space\", \"cardId\": \"c1\"}",
            "{\"touchId\": \"t1\", \"cardId\": \"c1/../x\"}",
            "{\"touchId\": \"t1\"}",
            "{\"touchId\": 5, \"cardId\": \"c1\"}",
            "{\"touchId\": \"t1\", \"cardId\": \"c1\", \"at\": \"yesterday\"}",
            "{\"touchId\": \"t1\", \"cardId\": \"c1\"",
        ];
        foreach (var body in bodies)
        {
            (await reader.SendAsync(HttpMethod.Post, "/api/v1/touches", body)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        }

        Assert.Equal(0, await town.PointsAsync("r1"));
        // touchId "t1" was never claimed by the failed attempts.
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c1" })).Status);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_problem_json_and_changes_nothing()
    {
        var town = await TownAsync();
        var huge = "{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\", \"kind\": \"facility\"}";
        var response = await town.Admin.SendAsync(HttpMethod.Put, town.Path("places/big"), huge);
        Assert.True(response.Status is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, response.Status.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("invalid_request", (string?)response.Body!["code"]);
        (await town.Admin.GetJsonAsync(town.Path("places/big"))).AssertProblem(HttpStatusCode.NotFound, "unknown_place");
    }

    [Fact]
    public async Task Out_of_range_resident_fields_are_400()
    {
        var town = await TownAsync();
        (await town.Admin.PutJsonAsync(town.Path("residents/r1"), new { birthYear = 1800 })).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Admin.PutJsonAsync(town.Path("residents/r1"), new { birthYear = 3000 })).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Admin.PutJsonAsync(town.Path("residents/r1"), new { displayName = "   " })).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Admin.GetJsonAsync(town.Path("residents/r1"))).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
    }

    [Fact]
    public async Task A_reader_with_an_unknown_mode_is_400()
    {
        var town = await TownAsync();
        await town.PlaceAsync("library");
        (await town.Admin.PutJsonAsync(town.Path("readers/rd1"), new { placeId = "library", mode = "teleport" }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task The_reserved_system_tenant_cannot_be_defined()
    {
        (await Silo.AdminClient().PutJsonAsync("/api/v1/tenants/_system", new { name = "x" }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }
}
