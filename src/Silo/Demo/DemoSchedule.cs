namespace LoCoPi.Silo.Demo;

/// <summary>
/// How fast the demo touches, and where, at a given moment: each place's hourly rhythm in the
/// town's time zone by day, with a floor under both the total rate and every place's share, so a
/// newcomer opening the dashboard at 3 a.m. in Japan still sees every card move. The floor is for
/// the showcase, not realism (a library does not take visits at night).
/// </summary>
internal static class DemoSchedule
{
    /// <summary>Touches per second at a place weight of 1; the whole town makes several per second by day.</summary>
    public const double TouchesPerSecondPerWeight = 0.5;

    /// <summary>The least touch rate at any hour; before it, the town made one touch in five seconds at night.</summary>
    public const double MinimumTouchesPerSecond = 2.5;

    /// <summary>
    /// Every place's least weight: without it the night's touches would all land at the hospital,
    /// and the shelters' occupancy (a card of its own on the dashboard) would stand still.
    /// </summary>
    public const double MinimumPlaceWeight = 0.2;

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(DemoTown.TimeZone);

    /// <summary>The town's local hour (0–23) at <paramref name="now"/>.</summary>
    public static int LocalHour(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, Zone).Hour;

    /// <summary>Each place's weight (in <see cref="DemoTown.Places"/> order) at <paramref name="now"/>.</summary>
    public static double[] PlaceWeightsAt(DateTimeOffset now)
    {
        var hour = LocalHour(now);
        return [.. DemoTown.Places.Select(place => Math.Max(place.HourWeights[hour], MinimumPlaceWeight))];
    }

    /// <summary>Touches per second across the town at <paramref name="now"/>.</summary>
    public static double TouchesPerSecondAt(DateTimeOffset now)
        => Math.Max(PlaceWeightsAt(now).Sum() * TouchesPerSecondPerWeight, MinimumTouchesPerSecond);
}
