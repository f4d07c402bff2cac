using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Shelters;

/// <summary>
/// <c>GET /api/v1/tenants/{t}/shelters/{p}</c> over real HTTP: the roster built from check-in and
/// check-out touches by the "shelter-rosters" journal projection, against the place's capacity.
/// Each provider runs on a Silo of its own, because one test restarts it. The roster follows the
/// journal within about a delivery interval, so tests poll for it briefly.
/// </summary>
public abstract partial class ShelterSuite(SiloFixture silo)
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(15);

    protected SiloFixture Silo { get; } = silo;

    /// <summary>The fixture's clock: Monday 2025-06-02 03:00 UTC (12:00 in Tokyo). No test here moves it.</summary>
    private DateTimeOffset Now => Silo.Clock.GetUtcNow();

    [Fact]
    public async Task Two_check_in_one_checks_out_and_the_shelter_shows_the_one_inside_with_the_time_and_the_capacity()
    {
        var (town, checkIn, checkOut) = await ShelterTownAsync("hall", capacity: 120, "r1", "r2");
        Assert.Equal("checked_in", await TouchAsync(checkIn, "in-1", "c-r1", Now.AddMinutes(-30)));
        Assert.Equal("checked_in", await TouchAsync(checkIn, "in-2", "c-r2", Now.AddMinutes(-20)));
        Assert.Equal("checked_out", await TouchAsync(checkOut, "out-1", "c-r1", Now.AddMinutes(-10)));

        var shelter = await ShelterAsync(town, "hall", s => Residents(s).SequenceEqual(["r2"]));

        Assert.Equal("hall", (string?)shelter["placeId"]);
        Assert.Equal(120, (int?)shelter["capacity"]);
        Assert.Equal(1, (int?)shelter["occupancy"]);
        var evacuee = shelter["evacuees"]!.AsArray().Single()!;
        Assert.Equal("r2", (string?)evacuee["residentId"]);
        var checkedInAt = (string)evacuee["checkedInAt"]!;
        Assert.Matches(IsoWithOffset(), checkedInAt);
        Assert.Equal(Now.AddMinutes(-20), DateTimeOffset.Parse(checkedInAt, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Evacuees_are_ordered_by_check_in_time_then_resident_and_occupancy_counts_them()
    {
        var (town, checkIn, _) = await ShelterTownAsync("gym", capacity: 3, "r-b", "r-a", "r-c");
        var at = Now.AddHours(-1);
        await TouchAsync(checkIn, "o-b", "c-r-b", at);
        await TouchAsync(checkIn, "o-a", "c-r-a", at);
        await TouchAsync(checkIn, "o-c", "c-r-c", at.AddMinutes(-5));

        var shelter = await ShelterAsync(town, "gym", s => Occupancy(s) == 3);

        Assert.Equal(["r-c", "r-a", "r-b"], Residents(shelter));
        Assert.Equal(3, (int?)shelter["capacity"]);
    }

    [Fact]
    public async Task A_person_checked_in_twice_during_an_outage_is_one_evacuee_with_the_earliest_time()
    {
        var (town, checkIn, _) = await ShelterTownAsync("school-gym", capacity: 50, "r1", "marker");
        await TouchAsync(checkIn, "first", "c-r1", Now.AddHours(-1));

        // The offline reader uploads an earlier and a later check-in of the same person.
        var upload = await checkIn.PostJsonAsync("/api/v1/touches/batch", new
        {
            touches = new object[]
            {
                new { touchId = "offline-early", cardId = "c-r1", at = Now.AddHours(-3) },
                new { touchId = "offline-late", cardId = "c-r1", at = Now.AddMinutes(-5) },
            },
        });
        Assert.Equal(HttpStatusCode.OK, upload.Status);
        Assert.All(upload.Body!["results"]!.AsArray(), r => Assert.Equal("checked_in", (string?)r!["outcome"]));
        // A touch after them: once it shows, everything before it in the journal has been applied.
        await TouchAsync(checkIn, "marker-in", "c-marker", Now);

        var shelter = await ShelterAsync(town, "school-gym", s => Residents(s).Contains("marker"));

        Assert.Equal(2, (int?)shelter["occupancy"]);
        Assert.Equal(["r1", "marker"], Residents(shelter));
        Assert.Equal(Now.AddHours(-3), CheckedInAt(shelter, "r1"));
    }

    [Fact]
    public async Task A_late_upload_of_a_check_in_older_than_the_check_out_does_not_bring_the_person_back()
    {
        var (town, checkIn, checkOut) = await ShelterTownAsync("temple", capacity: 30, "r1", "marker");
        await TouchAsync(checkIn, "in", "c-r1", Now.AddHours(-5));
        await TouchAsync(checkOut, "out", "c-r1", Now.AddHours(-1));
        await ShelterAsync(town, "temple", s => Occupancy(s) == 0);

        Assert.Equal("checked_in", await TouchAsync(checkIn, "late-in", "c-r1", Now.AddHours(-2)));
        await TouchAsync(checkIn, "marker-in", "c-marker", Now);

        var shelter = await ShelterAsync(town, "temple", s => Residents(s).Contains("marker"));
        Assert.Equal(["marker"], Residents(shelter));
        Assert.Equal(1, (int?)shelter["occupancy"]);
    }

    [Fact]
    public async Task A_shelter_nobody_entered_is_empty_and_one_defined_without_capacity_shows_null()
    {
        var town = await Town.CreateAsync(Silo);
        await DefineShelterAsync(town, "tent", capacity: null);

        var response = await town.Admin.GetJsonAsync(town.Path("shelters/tent"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"placeId":"tent","capacity":null,"occupancy":0,"evacuees":[]}""", Http.Json(response.Body));
    }

    [Fact]
    public async Task Unknown_places_and_places_that_are_not_shelters_are_404_unknown_place_and_bad_ids_400()
    {
        var town = await Town.CreateAsync(Silo);
        await town.PlaceAsync("library", kind: "facility");

        var unknown = await town.Admin.GetJsonAsync(town.Path("shelters/nowhere"));
        unknown.AssertProblem(HttpStatusCode.NotFound, "unknown_place");

        var library = (await town.Admin.GetJsonAsync(town.Path("shelters/library"))).AssertProblem(HttpStatusCode.NotFound, "unknown_place");
        Assert.Contains("避難所", (string)library["detail"]!, StringComparison.Ordinal);
        Assert.Contains("library", (string)library["detail"]!, StringComparison.Ordinal);
        var english = (await Silo.AdminClient("en").GetJsonAsync(town.Path("shelters/library"))).AssertProblem(HttpStatusCode.NotFound, "unknown_place");
        Assert.Contains("not registered as a shelter", (string)english["detail"]!, StringComparison.Ordinal);

        (await town.Admin.GetJsonAsync(town.Path("shelters/bad%20id"))).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Admin.GetJsonAsync("/api/v1/tenants/_system/shelters/library")).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await town.Admin.GetJsonAsync("/api/v1/tenants/no-such-town/shelters/library")).AssertProblem(HttpStatusCode.NotFound, "unknown_tenant");
    }

    [Fact]
    public async Task The_roster_needs_the_admin_token_and_is_in_the_OpenAPI_document()
    {
        var (town, checkIn, _) = await ShelterTownAsync("hut", capacity: 10, "r1");

        (await Silo.Client().GetJsonAsync(town.Path("shelters/hut"))).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await checkIn.GetJsonAsync(town.Path("shelters/hut"))).AssertProblem(HttpStatusCode.Forbidden, "forbidden");

        var openApi = await Silo.Client().GetJsonAsync("/openapi/v1.json");
        Assert.True(openApi.Body!["paths"]!.AsObject().ContainsKey("/api/v1/tenants/{tenantId}/shelters/{placeId}"),
            "the shelter endpoint is missing from /openapi/v1.json");
    }

    [Fact]
    public async Task The_roster_survives_a_restart_and_equals_the_acknowledged_touches()
    {
        var residents = Enumerable.Range(1, 12).Select(i => $"e{i:00}").ToArray();
        var (town, checkIn, checkOut) = await ShelterTownAsync("center", capacity: 200, residents);
        var start = Now.AddHours(-6);

        // Everyone checks in (a minute apart), every third person leaves again, and a few were also
        // checked in a second time by a reader that was offline: all acknowledged.
        var ins = residents.Select((r, i) => new { touchId = "in-" + r, cardId = "c-" + r, at = start.AddMinutes(i) }).ToArray();
        var again = residents.Where((_, i) => i % 4 == 1).Select((r, i) => new { touchId = "again-" + r, cardId = "c-" + r, at = start.AddHours(1).AddMinutes(i) });
        var leaving = residents.Where((_, i) => i % 3 == 0).ToArray();
        var outs = leaving.Select((r, i) => new { touchId = "out-" + r, cardId = "c-" + r, at = start.AddHours(2).AddMinutes(i) }).ToArray();
        Assert.All(await BatchAsync(checkIn, [.. ins, .. again]), r => Assert.Equal("checked_in", (string?)r["outcome"]));
        Assert.All(await BatchAsync(checkOut, outs), r => Assert.Equal("checked_out", (string?)r["outcome"]));
        var expected = residents.Select((r, i) => (Resident: r, At: start.AddMinutes(i))).Where(e => !leaving.Contains(e.Resident)).ToList();

        var before = await ShelterAsync(town, "center", s => Occupancy(s) == expected.Count);
        AssertRoster(expected, before);

        await Silo.RestartAsync();

        var admin = Silo.AdminClient();
        var after = await admin.GetJsonAsync(town.Path("shelters/center"));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(Http.Json(before), Http.Json(after.Body));

        // Still fed after the restart: one more leaves.
        var newReader = Silo.Client(await new Town(Silo, town.TenantId).ReaderTokenAsync("out-2", "center", "check_out"));
        Assert.Equal("checked_out", await TouchAsync(newReader, "out-late", "c-" + expected[0].Resident, Now));
        var final = await ShelterAsync(new Town(Silo, town.TenantId), "center", s => Occupancy(s) == expected.Count - 1);
        AssertRoster(expected.Skip(1).ToList(), final);
    }

    private static void AssertRoster(IReadOnlyList<(string Resident, DateTimeOffset At)> expected, JsonNode shelter)
    {
        Assert.Equal(expected.Count, (int?)shelter["occupancy"]);
        Assert.Equal(expected.Select(e => e.Resident), Residents(shelter));
        Assert.Equal(expected.Select(e => e.At), expected.Select(e => CheckedInAt(shelter, e.Resident)));
    }

    private async Task<(Town Town, HttpClient CheckIn, HttpClient CheckOut)> ShelterTownAsync(
        string placeId, int? capacity, params string[] residents)
    {
        var town = await Town.CreateAsync(Silo);
        await DefineShelterAsync(town, placeId, capacity);
        foreach (var resident in residents)
        {
            await town.ResidentAsync(resident, "c-" + resident);
        }

        var checkIn = await town.ReaderAsync("in-" + placeId, placeId, "check_in");
        var checkOut = await town.ReaderAsync("out-" + placeId, placeId, "check_out");
        return (town, checkIn, checkOut);
    }

    private static async Task DefineShelterAsync(Town town, string placeId, int? capacity)
    {
        var response = await town.Admin.PutJsonAsync(town.Path("places/" + placeId), new { name = "避難所 " + placeId, kind = "shelter", capacity });
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    private static async Task<string> TouchAsync(HttpClient reader, string touchId, string cardId, DateTimeOffset at)
    {
        var response = await reader.PostJsonAsync("/api/v1/touches", new { touchId, cardId, at });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string)response.Body!["outcome"]!;
    }

    private static async Task<IReadOnlyList<JsonNode>> BatchAsync(HttpClient reader, object[] touches)
    {
        var response = await reader.PostJsonAsync("/api/v1/touches/batch", new { touches });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return [.. response.Body!["results"]!.AsArray().Select(r => r!)];
    }

    /// <summary>Reads the shelter until <paramref name="until"/> holds (the projection lags the journal briefly).</summary>
    private static async Task<JsonNode> ShelterAsync(Town town, string placeId, Func<JsonNode, bool> until)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var response = await town.Admin.GetJsonAsync(town.Path("shelters/" + placeId));
            Assert.Equal(HttpStatusCode.OK, response.Status);
            if (until(response.Body!))
            {
                return response.Body!;
            }

            Assert.True(DateTime.UtcNow < deadline, "the shelter never reached the expected roster: " + Http.Json(response.Body));
            await Task.Delay(50);
        }
    }

    private static int Occupancy(JsonNode shelter) => (int)shelter["occupancy"]!;

    private static List<string> Residents(JsonNode shelter)
        => [.. shelter["evacuees"]!.AsArray().Select(e => (string)e!["residentId"]!)];

    private static DateTimeOffset CheckedInAt(JsonNode shelter, string residentId)
        => DateTimeOffset.Parse(
            (string)shelter["evacuees"]!.AsArray().Single(e => (string?)e!["residentId"] == residentId)!["checkedInAt"]!,
            System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")]
    private static partial Regex IsoWithOffset();
}

public sealed class SqliteShelterTests(SqliteSiloFixture silo) : ShelterSuite(silo), IClassFixture<SqliteSiloFixture>;

public sealed class PostgresShelterTests(PostgresSiloFixture silo) : ShelterSuite(silo), IClassFixture<PostgresSiloFixture>;
