using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

public abstract partial class WatchSuite
{
    [Fact]
    public async Task A_guardians_check_in_and_out_at_the_nursery_moves_each_child_for_staff_and_alerts_the_parent()
    {
        var town = await Town.CreateAsync(Silo);
        await town.PlaceAsync("nursery", pointsPerVisit: 0, kind: "daycare");
        var checkIn = await town.ReaderAsync("nursery-in", "nursery", mode: "check_in");
        var checkOut = await town.ReaderAsync("nursery-out", "nursery", mode: "check_out");
        await town.ResidentAsync("guardian", "c-guardian");
        foreach (var (child, name) in new[] { ("haruto", "はると"), ("yui", "ゆい") })
        {
            Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("residents/" + child), new { displayName = name })).Status);
            Assert.Equal(HttpStatusCode.NoContent, (await town.Admin.PutJsonAsync(town.Path($"places/nursery/children/{child}"), new { guardianId = "guardian" })).Status);
        }

        await AccountAsync(town, "mother");
        await AccountAsync(town, "teacher", role: "staff");
        await LinkAsync(town, "haruto", "mother");
        await LinkAsync(town, "yui", "mother");
        var motherToken = await LoginAsync(town.TenantId, "mother");
        using var teacher = Silo.Client(await LoginAsync(town.TenantId, "teacher"));

        await TouchAsync(checkIn, "drop-off", "c-guardian");
        var arrived = await WaitForInboxAsync(motherToken, count: 2);
        Assert.All(arrived, a => Assert.Equal("checked_in", a.GetProperty("kind").GetString()));
        Assert.Equal(["haruto", "yui"], arrived.Select(a => a.GetProperty("residentId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Single(arrived.Select(a => a.GetProperty("seq").GetInt64()).Distinct());
        var present = await teacher.GetJsonAsync("/api/v1/staff/daycare/nursery");
        Assert.Equal(HttpStatusCode.OK, present.Status);
        Assert.Equal(["はると", "ゆい"], present.Body!["present"]!.AsArray().Select(c => (string)c!["displayName"]!));

        await TouchAsync(checkOut, "pick-up", "c-guardian");
        var all = await WaitForInboxAsync(motherToken, count: 4);
        Assert.Equal(2, all.Count(a => a.GetProperty("kind").GetString() == "checked_out"));
        Assert.Empty((await teacher.GetJsonAsync("/api/v1/staff/daycare/nursery")).Body!["present"]!.AsArray());
    }

    [Fact]
    public async Task Only_staff_of_the_nurserys_own_tenant_see_who_is_present()
    {
        var town = await Town.CreateAsync(Silo);
        await town.PlaceAsync("nursery", pointsPerVisit: 0, kind: "daycare");
        await AccountAsync(town, "mother");
        var other = await Town.CreateAsync(Silo);
        await AccountAsync(other, "teacher", role: "staff");

        using var mother = Silo.Client(await LoginAsync(town.TenantId, "mother"));
        (await mother.GetJsonAsync("/api/v1/staff/daycare/nursery")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        using var stranger = Silo.Client(await LoginAsync(other.TenantId, "teacher"));
        (await stranger.GetJsonAsync("/api/v1/staff/daycare/nursery")).AssertProblem(HttpStatusCode.NotFound, "unknown_place");
        using var anonymous = Silo.Client();
        (await anonymous.GetJsonAsync("/api/v1/staff/daycare/nursery")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
