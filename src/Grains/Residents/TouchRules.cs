using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Touches;

namespace LoCoPi.Grains.Residents;

/// <summary>
/// The points rules (DOMAIN.md "Points"): a place rewards one visit per tenant-local day, whatever
/// the mode that counts as arriving (visit, board, check-in); leaving (alight, check-out) earns
/// nothing. Pure, so the rules are testable without a runtime.
/// </summary>
internal static class TouchRules
{
    /// <summary>How long visit days are remembered: beyond the 7 days an offline upload may lag.</summary>
    private const int VisitDayMemory = 9;

    /// <summary>The outcome, the points, and whether this is the first arrival at the place that local day.</summary>
    public static (string Outcome, long Points, bool FirstToday) Decide(
        ResidentState state, TouchCommand command, DateOnly localDay)
    {
        var first = !HasVisited(state, command.PlaceId, localDay);
        var points = first ? command.PointsPerVisit : 0;
        return command.Mode switch
        {
            ReaderModes.Visit => first ? (TouchOutcomes.Visit, points, true) : (TouchOutcomes.RepeatVisit, 0, false),
            ReaderModes.Board => (TouchOutcomes.Boarded, points, first),
            ReaderModes.CheckIn => (TouchOutcomes.CheckedIn, points, first),
            ReaderModes.Alight => (TouchOutcomes.Alighted, 0, false),
            ReaderModes.CheckOut => (TouchOutcomes.CheckedOut, 0, false),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Mode, "Not a touch mode."),
        };
    }

    /// <summary>
    /// Adds the visit and forgets every day, at any place, older than <see cref="VisitDayMemory"/>
    /// before it, with places left without days: pruning only the visited place kept every place a
    /// resident ever visited in the state that each touch rewrites.
    /// </summary>
    public static void RememberVisit(ResidentState state, string placeId, DateOnly localDay)
    {
        if (!state.VisitDays.TryGetValue(placeId, out var days))
        {
            state.VisitDays[placeId] = days = [];
        }

        days.Add(localDay);
        var oldest = localDay.AddDays(-VisitDayMemory);
        List<string>? forgotten = null;
        foreach (var (place, placeDays) in state.VisitDays)
        {
            placeDays.RemoveAll(d => d < oldest);
            if (placeDays.Count == 0)
            {
                (forgotten ??= []).Add(place);
            }
        }

        foreach (var place in forgotten ?? [])
        {
            state.VisitDays.Remove(place);
        }
    }

    public static DateOnly LocalDay(DateTimeOffset at, string timeZoneId)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime);

    private static bool HasVisited(ResidentState state, string placeId, DateOnly localDay)
        => state.VisitDays.TryGetValue(placeId, out var days) && days.Contains(localDay);
}
