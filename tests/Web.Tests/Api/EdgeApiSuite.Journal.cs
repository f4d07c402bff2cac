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
        Assert.Equal(new TouchRecorded("j1", "c1", "r1", "library", "rd1", "visit", "visit", 10, 10, Silo.Clock.GetUtcNow()), touches[0]);
        Assert.Equal("repeat_visit", touches[1].Outcome);
        Assert.Contains(journal, e => e.EventType == "place.defined");
    }
}
