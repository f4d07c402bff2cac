using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task A_batch_answers_each_item_in_order_as_the_single_call_would()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        await town.ResidentAsync("r2", "c2");
        await town.ResidentAsync("r3", "c3");
        await town.Admin.PostJsonAsync(town.Path("cards/c3/suspend"), new { reason = "lost" });
        var reader = await town.ReaderAsync("rd1", "library");
        var now = Silo.Clock.GetUtcNow();

        var batch = await reader.PostJsonAsync("/api/v1/touches/batch", new
        {
            touches = new object[]
            {
                new { touchId = "b1", cardId = "c1", at = now.AddHours(-2) },
                new { touchId = "b2", cardId = "c1", at = now.AddHours(-1) },
                new { touchId = "b3", cardId = "c2" },
                new { touchId = "b4", cardId = "unknown" },
                new { touchId = "b5", cardId = "c3" },
                new { touchId = "b6", cardId = "c2", at = now.AddDays(-8) },
                new { touchId = "b1", cardId = "c2" },
                new { touchId = "b1", cardId = "c1", at = now.AddHours(-2) },
                new { touchId = 7 },
            },
        });

        Assert.Equal(HttpStatusCode.OK, batch.Status);
        var results = batch.Body!["results"]!.AsArray();
        Assert.Equal(9, results.Count);
        Assert.Equal("visit", (string?)results[0]!["outcome"]);
        Assert.Equal("repeat_visit", (string?)results[1]!["outcome"]);
        Assert.Equal("visit", (string?)results[2]!["outcome"]);
        Assert.Equal("unknown_card", (string?)results[3]!["code"]);
        Assert.Equal(404, (int?)results[3]!["status"]);
        Assert.Equal("card_suspended", (string?)results[4]!["code"]);
        Assert.Equal("invalid_request", (string?)results[5]!["code"]);
        Assert.Equal("idempotency_conflict", (string?)results[6]!["code"]);
        Assert.Equal(Http.Json(results[0]), Http.Json(results[7]));
        Assert.Equal("invalid_request", (string?)results[8]!["code"]);

        // Each result equals what the single call gives for the same body.
        var single = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "b3", cardId = "c2" });
        Assert.Equal(Http.Json(results[2]), Http.Json(single.Body));
        var singleProblem = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "b4", cardId = "unknown" });
        Assert.Equal(Http.Json(results[3]), Http.Json(singleProblem.Body));
        Assert.Equal(10, await town.PointsAsync("r1"));
        Assert.Equal(10, await town.PointsAsync("r2"));
    }

    [Fact]
    public async Task A_batch_of_more_than_a_thousand_touches_is_refused()
    {
        var town = await TownAsync();
        await town.PlaceAsync("library");
        var reader = await town.ReaderAsync("rd1", "library");
        var touches = new JsonArray(Enumerable.Range(0, 1001)
            .Select(i => (JsonNode)new JsonObject { ["touchId"] = "t" + i, ["cardId"] = "c" + i }).ToArray());
        (await reader.PostJsonAsync("/api/v1/touches/batch", new JsonObject { ["touches"] = touches }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_full_batch_of_a_thousand_touches_is_applied()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 1);
        for (var i = 0; i < 20; i++)
        {
            await town.ResidentAsync("r" + i, "c" + i);
        }

        var reader = await town.ReaderAsync("rd1", "library");
        var touches = new JsonArray(Enumerable.Range(0, 1000)
            .Select(i => (JsonNode)new JsonObject { ["touchId"] = "t" + i, ["cardId"] = "c" + (i % 20) }).ToArray());
        var batch = await reader.PostJsonAsync("/api/v1/touches/batch", new JsonObject { ["touches"] = touches });

        var results = batch.Body!["results"]!.AsArray();
        Assert.Equal(1000, results.Count);
        Assert.Equal(20, results.Count(r => (string?)r!["outcome"] == "visit"));
        Assert.Equal(980, results.Count(r => (string?)r!["outcome"] == "repeat_visit"));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal("visit", (string?)results[i]!["outcome"]));
    }
}
