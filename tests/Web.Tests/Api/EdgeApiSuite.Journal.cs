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
        Assert.Equal(new TouchRecorded("j1", "c1", "r1", "library", "rd1", "visit", "visit", 10, 10, Silo.Clock.GetUtcNow(), FirstVisitToday: true), touches[0]);
        Assert.Equal("repeat_visit", touches[1].Outcome);
        Assert.Contains(journal, e => e.EventType == "place.defined");
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
