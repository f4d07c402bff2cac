using System.Net;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task Every_applied_touch_is_in_the_journal_once_with_its_points_and_replays_add_nothing()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "j1", cardId = "c1" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "j1", cardId = "c1" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "j2", cardId = "c1" })).Status);
        (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "j3", cardId = "nope" })).AssertProblem(HttpStatusCode.NotFound, "unknown_card");

        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var serializer = new JsonGrainSerializer();
        var journal = await storage.ReadJournalAsync(town.TenantId, 0, 1000, CancellationToken.None);
        var touches = journal.Where(e => e.Is<TouchRecorded>()).Select(e => e.Deserialize<TouchRecorded>(serializer)).ToList();

        Assert.Equal(["j1", "j2"], touches.Select(t => t.TouchId));
        Assert.Equal(new TouchRecorded("j1", "c1", "r1", "library", "rd1", "visit", "visit", 10, 10, Silo.Clock.GetUtcNow(), FirstVisitToday: true, LocalDay: new DateOnly(2025, 6, 2)), touches[0]);
        Assert.Equal("repeat_visit", touches[1].Outcome);
        Assert.Contains(journal, e => e.EventType == "place.defined");
    }

    [Fact]
    public async Task The_residents_stored_state_keeps_no_record_per_touch_and_a_retry_is_answered_from_the_claim()
    {
        var (town, reader, storage, residentKey) = await LibraryWithResidentAsync();

        var first = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "size-0", cardId = "c1" });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        for (var i = 1; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = $"size-{i}", cardId = "c1" })).Status);
        }

        // Each touch used to add its id, body hash and result to the state, which every later touch
        // of the resident rewrote: the write grew with the resident's history.
        var stored = await storage.ReadStateAsync(residentKey, CancellationToken.None);
        using var state = System.Text.Json.JsonDocument.Parse(stored!.Payload!.Value);
        Assert.Empty(state.RootElement.GetProperty("appliedTouches").EnumerateObject());
        var claim = await storage.ReadClaimAsync(town.TenantId, "touch", "size-0", CancellationToken.None);
        Assert.Equal("visit 10 10", claim!.Result);

        var retry = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "size-0", cardId = "c1" });
        Assert.Equal(Http.Json(first.Body), Http.Json(retry.Body));
        Assert.Equal(10, await town.PointsAsync("r1"));
    }

    [Fact]
    public async Task A_residents_recent_touches_are_read_from_the_journal_newest_first_and_its_state_does_not_grow_with_them()
    {
        var (town, reader, storage, residentKey) = await LibraryWithResidentAsync();
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "h-0", cardId = "c1" })).Status);
        for (var i = 1; i < 60; i++)
        {
            Silo.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = $"h-{i}", cardId = "c1" })).Status);
        }

        // A 50-entry history in the state was ~6.5 KB that every stored snapshot would carry.
        await town.RedefineResidentAsync("r1");
        var stored = (await storage.ReadStateAsync(residentKey, CancellationToken.None))!.Payload!.Value;
        Assert.InRange(stored.Length, 1, 1024);
        Assert.DoesNotContain("h-", System.Text.Encoding.UTF8.GetString(stored.Span), StringComparison.Ordinal);
        var resident = await town.Admin.GetJsonAsync(town.Path("residents/r1"));
        var recent = resident.Body!["recentTouches"]!.AsArray();
        Assert.Equal(Enumerable.Range(10, 50).Reverse().Select(i => $"h-{i}"), recent.Select(t => (string?)t!["touchId"]));
        Assert.Equal("repeat_visit", (string?)recent[0]!["outcome"]);
        Assert.Equal(Silo.Clock.GetUtcNow(), DateTimeOffset.Parse((string)recent[0]!["touchedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_resident_forgets_visits_to_places_not_seen_for_the_upload_window_so_its_state_stays_small()
    {
        ResetClock();
        var town = await TownAsync();
        await town.ResidentAsync("r1", "c1");
        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var residentKey = new GrainStateKey(town.TenantId, "resident", "r1", "state");
        for (var i = 0; i < 5; i++)
        {
            await town.PlaceAsync($"place-{i}", pointsPerVisit: 1);
            var reader = await town.ReaderAsync($"rd-{i}", $"place-{i}");
            Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = $"old-{i}", cardId = "c1" })).Status);
        }

        Silo.Clock.Advance(TimeSpan.FromDays(12));
        var library = await town.ReaderAsync("rd-0", "place-0");
        var visit = await library.PostJsonAsync("/api/v1/touches", new { touchId = "new-0", cardId = "c1" });
        await town.RedefineResidentAsync("r1");

        // Only the place visited within the remembered days is left in the next stored snapshot: the
        // other four used to stay in the state for good, rewritten by every touch.
        Assert.Equal("visit", (string?)visit.Body!["outcome"]);
        var stored = await storage.ReadStateAsync(residentKey, CancellationToken.None);
        using var state = System.Text.Json.JsonDocument.Parse(stored!.Payload!.Value);
        Assert.Equal(["place-0"], state.RootElement.GetProperty("visitDays").EnumerateObject().Select(p => p.Name));
    }

    /// <summary>A fresh clock and town with a library (10 points a visit), its reader rd1 and resident r1 with card c1.</summary>
    private async Task<(Town Town, HttpClient Reader, IGrainStorage Storage, GrainStateKey ResidentKey)> LibraryWithResidentAsync()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        return (town, reader, Silo.Services.GetRequiredService<IGrainStorage>(), new GrainStateKey(town.TenantId, "resident", "r1", "state"));
    }

    [Fact]
    public async Task A_touch_applied_before_a_crash_is_answered_once_to_its_retry_and_refused_to_another_card()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        await town.ResidentAsync("r2", "c2");
        var reader = await town.ReaderAsync("rd1", "library");

        // What a crash right after the commit leaves: the touch is stored (points, event and the
        // tenant-wide claim in one write) and the reader never heard back. Its card is suspended
        // before the retry arrives, so only the stored claim can tell a retry from a new touch.
        var storage = Silo.Services.GetRequiredService<IGrainStorage>();
        var lost = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "crashed", cardId = "c1" });
        Assert.Equal("r1", (await storage.ReadClaimAsync(town.TenantId, "touch", "crashed", CancellationToken.None))!.OwnerGrainKey);
        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PostJsonAsync(town.Path("cards/c1/suspend"), new { reason = "lost" })).Status);
        Silo.Clock.Advance(TimeSpan.FromDays(1));

        (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "crashed", cardId = "c2" }))
            .AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        var retry = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "crashed", cardId = "c1" });
        var again = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "crashed", cardId = "c1" });

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal("visit", (string?)retry.Body!["outcome"]);
        Assert.Equal(Http.Json(lost.Body), Http.Json(retry.Body));
        Assert.Equal(Http.Json(retry.Body), Http.Json(again.Body));
        Assert.Equal(10, await town.PointsAsync("r1"));
        Assert.Equal(0, await town.PointsAsync("r2"));
        var journal = await storage.ReadJournalAsync(town.TenantId, 0, 1000, CancellationToken.None);
        Assert.Single(journal, e => e.Is<TouchRecorded>() && e.Deserialize<TouchRecorded>(new JsonGrainSerializer()).TouchId == "crashed");
    }
}
