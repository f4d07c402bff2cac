using LoCoPi.Silo.Demo;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary><c>--demo</c>'s touch rate: a town's daily rhythm by day, and still a few touches a second at night in Japan.</summary>
public sealed class DemoScheduleTests
{
    // 18:00 UTC is 03:00 in Tokyo (no daylight saving time); 01:00 UTC is 10:00, 08:00 UTC is 17:00.
    private static readonly DateTimeOffset ThreeAmInTokyo = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TenAmInTokyo = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FivePmInTokyo = new(2026, 12, 8, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void At_three_in_the_morning_in_Japan_the_demo_touches_at_least_two_times_a_second()
    {
        Assert.Equal(3, DemoSchedule.LocalHour(ThreeAmInTokyo));
        Assert.True(DemoSchedule.TouchesPerSecondAt(ThreeAmInTokyo) >= 2, $"{DemoSchedule.TouchesPerSecondAt(ThreeAmInTokyo)} touches a second");
    }

    [Fact]
    public void Every_place_has_a_share_of_the_touches_at_every_hour()
    {
        for (var hour = 0; hour < 24; hour++)
        {
            var weights = DemoSchedule.PlaceWeightsAt(ThreeAmInTokyo.AddHours(hour - 3));
            Assert.All(weights, weight => Assert.True(weight > 0, $"a place without touches at {hour}:00"));
        }
    }

    [Fact]
    public void By_day_the_rate_follows_the_places_rhythm_unchanged_and_is_above_the_night_floor()
    {
        // At 10:00 every place is open: the floors change nothing.
        var rhythm = DemoTown.Places.Sum(place => place.HourWeights[10]) * DemoSchedule.TouchesPerSecondPerWeight;

        Assert.Equal(rhythm, DemoSchedule.TouchesPerSecondAt(TenAmInTokyo), precision: 9);
        Assert.True(DemoSchedule.TouchesPerSecondAt(TenAmInTokyo) > DemoSchedule.TouchesPerSecondAt(ThreeAmInTokyo));
        var bus = DemoTown.Places.ToList().FindIndex(place => place.Kind == "bus");
        Assert.True(DemoSchedule.PlaceWeightsAt(FivePmInTokyo)[bus] > DemoSchedule.PlaceWeightsAt(FivePmInTokyo.AddHours(-5))[bus],
            "the evening rush on the bus is busier than noon");
    }
}
