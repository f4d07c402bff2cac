using System.Net;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Residents;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

/// <summary>
/// A touch appends its event to the resident's stored snapshot without rewriting it; the resident
/// is rebuilt from the snapshot plus those events, so nothing a touch changed may be lost or counted
/// twice across a restart, whichever touch stored the last snapshot.
/// </summary>
public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task A_resident_rebuilt_from_its_snapshot_and_later_touches_keeps_every_point_visit_day_and_boarding()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.PlaceAsync("stop-a", pointsPerVisit: 5, kind: "bus");
        await town.PlaceAsync("stop-b", pointsPerVisit: 5, kind: "bus");
        await town.ResidentAsync("r1", "c1");
        var library = await town.ReaderAsync("rd-lib", "library");
        var board = await town.ReaderAsync("rd-a", "stop-a", "board");
        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var residentKey = new GrainStateKey(town.TenantId, "resident", "r1", "state");

        // A visit a day (10 points each): two snapshots (touches 32 and 64), then appended touches.
        const int days = (2 * ResidentGrain.SnapshotEvery) + 6;
        for (var day = 0; day < days; day++)
        {
            if (day > 0)
            {
                Silo.Clock.Advance(TimeSpan.FromDays(1));
            }

            var visit = await library.PostJsonAsync("/api/v1/touches", new { touchId = $"day-{day}", cardId = "c1" });
            Assert.Equal(("visit", 10L * (day + 1)), ((string?)visit.Body!["outcome"], (long)visit.Body["pointsBalance"]!));
        }

        Assert.Equal("boarded", await TouchOutcomeAsync(board, "board-1"));
        var snapshot = await storage.ReadStateAsync(residentKey, CancellationToken.None);
        Assert.Equal(4, snapshot!.Version);

        await Silo.RestartAsync();

        town = new Town(Silo, town.TenantId);
        Assert.Equal((10L * days) + 5, await town.PointsAsync("r1"));
        library = await town.ReaderAsync("rd-lib-2", "library");
        Assert.Equal("repeat_visit", await TouchOutcomeAsync(library, "day-last-again"));
        var alight = await town.ReaderAsync("rd-b", "stop-b", "alight");
        Assert.Equal("alighted", await TouchOutcomeAsync(alight, "alight-1"));
        Assert.Equal((10L * days) + 5, await town.PointsAsync("r1"));

        storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var journal = await storage.ReadJournalAsync(town.TenantId, 0, 1000, CancellationToken.None);
        var ride = Assert.Single(journal, e => e.Is<RideCompleted>()).Deserialize<RideCompleted>(new JsonGrainSerializer());
        Assert.Equal(("stop-a", "stop-b"), (ride.FromPlaceId, ride.ToPlaceId));
        Assert.Equal(4, (await storage.ReadStateAsync(residentKey, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task A_resident_reloaded_right_after_the_touch_that_stored_its_snapshot_counts_that_touch_once()
    {
        var (town, reader, _, _) = await LibraryWithResidentAsync();
        for (var day = 0; day < ResidentGrain.SnapshotEvery; day++)
        {
            Silo.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal("visit", await TouchOutcomeAsync(reader, $"d-{day}"));
        }

        await Silo.RestartAsync();

        town = new Town(Silo, town.TenantId);
        Assert.Equal(10L * ResidentGrain.SnapshotEvery, await town.PointsAsync("r1"));
        reader = await town.ReaderAsync("rd-2", "library");
        Assert.Equal("repeat_visit", await TouchOutcomeAsync(reader, "again"));
        Silo.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("visit", await TouchOutcomeAsync(reader, "next-day"));
        Assert.Equal(10L * (ResidentGrain.SnapshotEvery + 1), await town.PointsAsync("r1"));
    }

    [Fact]
    public async Task A_resident_stored_before_touches_were_appended_counts_each_of_its_touches_once()
    {
        var (town, reader, storage, residentKey) = await LibraryWithResidentAsync();
        Assert.Equal("visit", await TouchOutcomeAsync(reader, "before-upgrade"));
        // What the release before this one stored after that touch: the whole state, touch included,
        // without the marker saying which touches the record covers.
        var stored = await storage.ReadStateAsync(residentKey, CancellationToken.None);
        var state = System.Text.Json.Nodes.JsonNode.Parse(stored!.Payload!.Value.Span)!.AsObject();
        state.Remove("eventsThroughSeq");
        state.Remove("eventsInStoringWrite");
        state["pointsBalance"] = 10;
        state["visitDays"] = new System.Text.Json.Nodes.JsonObject { ["library"] = new System.Text.Json.Nodes.JsonArray("2025-06-02") };
        await storage.WriteStateAsync(
            new GrainStateWrite(residentKey, System.Text.Encoding.UTF8.GetBytes(state.ToJsonString()), stored.Version, []), CancellationToken.None);

        await Silo.RestartAsync();

        town = new Town(Silo, town.TenantId);
        reader = await town.ReaderAsync("rd-2", "library");
        Assert.Equal(10, await town.PointsAsync("r1"));
        Assert.Equal("repeat_visit", await TouchOutcomeAsync(reader, "after-upgrade"));
        for (var day = 1; day <= 3; day++)
        {
            Silo.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal("visit", await TouchOutcomeAsync(reader, $"later-{day}"));
        }

        await Silo.RestartAsync();

        town = new Town(Silo, town.TenantId);
        Assert.Equal(40, await town.PointsAsync("r1"));
    }

    private static async Task<string?> TouchOutcomeAsync(HttpClient reader, string touchId)
    {
        var response = await reader.PostJsonAsync("/api/v1/touches", new { touchId, cardId = "c1" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string?)response.Body!["outcome"];
    }
}
