using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task Runtime_statistics_show_the_grains_a_touch_activated_and_are_for_the_operator_only()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "stats-1", cardId = "c1" })).Status);

        var response = await Silo.AdminClient().GetJsonAsync("/api/v1/runtime/stats");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var stats = response.Body!;
        Assert.True(stats["activationsPerType"]!["resident"]!.GetValue<int>() >= 1, stats.ToJsonString());
        Assert.True(stats["totalCalls"]!.GetValue<long>() > 0);
        Assert.NotNull(stats["storageWriteLatencyMs"]!["p99"]);
        Assert.NotNull(stats["methods"]);

        (await reader.GetJsonAsync("/api/v1/runtime/stats")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Silo.Client().GetJsonAsync("/api/v1/runtime/stats")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
