using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task A_tenant_is_created_with_201_then_updated_with_200_and_defaults_to_Tokyo_time()
    {
        var admin = Silo.AdminClient();
        var id = "t-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PutJsonAsync($"/api/v1/tenants/{id}", new { name = "朝日町" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Asia/Tokyo", (string?)created.Body!["timeZone"]);

        var updated = await admin.PutJsonAsync($"/api/v1/tenants/{id}", new { name = "宿毛市", timeZone = "Asia/Tokyo" });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        var read = await admin.GetJsonAsync($"/api/v1/tenants/{id}");
        Assert.Equal("宿毛市", (string?)read.Body!["name"]);
    }

    [Fact]
    public async Task A_tenant_with_an_unknown_time_zone_is_refused()
    {
        var response = await Silo.AdminClient().PutJsonAsync("/api/v1/tenants/t-badzone", new { name = "x", timeZone = "Mars/Olympus" });
        response.AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await Silo.AdminClient().GetJsonAsync("/api/v1/tenants/t-badzone")).AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
    }

    [Fact]
    public async Task A_place_is_created_then_updated_and_read_back()
    {
        var town = await TownAsync();
        var created = await town.Admin.PutJsonAsync(town.Path("places/library"),
            new { name = "図書館", kind = "facility", pointsPerVisit = 5, capacity = 120, category = "culture" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var updated = await town.Admin.PutJsonAsync(town.Path("places/library"), new { name = "図書館", kind = "facility", pointsPerVisit = 7 });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        var read = await town.Admin.GetJsonAsync(town.Path("places/library"));
        Assert.Equal(7, (long)read.Body!["pointsPerVisit"]!);
        Assert.Equal("facility", (string?)read.Body["kind"]);
    }

    [Fact]
    public async Task Places_readers_residents_and_cards_need_an_existing_tenant()
    {
        var admin = Silo.AdminClient();
        (await admin.PutJsonAsync("/api/v1/tenants/t-nowhere/places/p1", new { name = "x", kind = "facility" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
        (await admin.PutJsonAsync("/api/v1/tenants/t-nowhere/residents/r1", new { }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
    }

    [Fact]
    public async Task A_reader_for_an_unknown_place_is_refused()
    {
        var town = await TownAsync();
        (await town.Admin.PutJsonAsync(town.Path("readers/r1"), new { placeId = "nowhere", mode = "visit" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_place");
    }

    [Fact]
    public async Task A_resident_shows_points_balance_and_cards_with_status()
    {
        var town = await TownAsync();
        var created = await town.Admin.PutJsonAsync(town.Path("residents/r1"), new { displayName = "山田", birthYear = 1950, attributes = new { area = "north" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PutJsonAsync(town.Path("residents/r1"), new { birthYear = 1951 })).Status);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("cards/c1"), new { residentId = "r1" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PutJsonAsync(town.Path("cards/c1"), new { residentId = "r1" })).Status);

        var read = await town.Admin.GetJsonAsync(town.Path("residents/r1"));
        Assert.Equal("r1", (string?)read.Body!["residentId"]);
        Assert.Equal(0, (long)read.Body["pointsBalance"]!);
        Assert.Equal(0, (long)read.Body["balanceYen"]!);
        Assert.Equal("c1", (string?)read.Body["cards"]![0]!["cardId"]);
        Assert.Equal("active", (string?)read.Body["cards"]![0]!["status"]);
    }

    [Fact]
    public async Task A_card_cannot_be_linked_to_an_unknown_resident_or_moved_to_another_resident()
    {
        var town = await TownAsync();
        (await town.Admin.PutJsonAsync(town.Path("cards/c1"), new { residentId = "ghost" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
        await town.ResidentAsync("r1", "c1");
        await town.ResidentAsync("r2");
        (await town.Admin.PutJsonAsync(town.Path("cards/c1"), new { residentId = "r2" }))
            .AssertProblem(HttpStatusCode.Conflict, "card_already_linked");
        var r2 = await town.Admin.GetJsonAsync(town.Path("residents/r2"));
        Assert.Empty(r2.Body!["cards"]!.AsArray());
    }

    [Fact]
    public async Task Suspending_an_unknown_card_is_404_and_a_known_card_shows_suspended()
    {
        var town = await TownAsync();
        (await town.Admin.PostJsonAsync(town.Path("cards/nope/suspend"), new { reason = "lost" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_card");
        await town.ResidentAsync("r1", "c1");
        var suspended = await town.Admin.PostJsonAsync(town.Path("cards/c1/suspend"), new { reason = "lost" });
        Assert.Equal(HttpStatusCode.OK, suspended.Status);
        Assert.Equal("suspended", (string?)suspended.Body!["status"]);
        var resident = await town.Admin.GetJsonAsync(town.Path("residents/r1"));
        Assert.Equal("suspended", (string?)resident.Body!["cards"]![0]!["status"]);
    }

    [Fact]
    public async Task Unknown_resident_is_404()
    {
        var town = await TownAsync();
        (await town.Admin.GetJsonAsync(town.Path("residents/nobody"))).AssertProblem(HttpStatusCode.NotFound, "unknown_resident");
    }

    [Fact]
    public async Task Health_and_readiness_answer_and_the_OpenAPI_document_lists_the_endpoints()
    {
        var anonymous = Silo.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetJsonAsync("/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetJsonAsync("/readyz")).Status);
        var openApi = await anonymous.GetJsonAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.Status);
        var paths = openApi.Body!["paths"]!.AsObject();
        Assert.Contains("/api/v1/touches", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/touches/batch", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/tenants/{tenantId}/cards/{cardId}/suspend", paths.Select(p => p.Key));
    }
}
