using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.PlaceStats;

/// <summary>
/// Today's live counters of one place, keyed by the place ID within its tenant. Fed from the
/// committed journal by the "place-stats" subscriber, one call per place per journal batch, so a
/// busy place costs one grain turn and one state write per batch rather than per touch.
/// </summary>
public interface IPlaceStatsGrain : IGrain
{
    /// <summary>
    /// Applies touches of this place in journal order. Touches at or below the last applied
    /// sequence number are ignored: journal delivery is at least once.
    /// </summary>
    Task<PlaceStatsSnapshot> ApplyTouchesAsync(PlaceTouchBatch batch);

    /// <summary>The counters as of now; zeros (but the same <c>inside</c>) once the tenant's day has turned.</summary>
    Task<PlaceStatsSnapshot> GetSnapshotAsync();
}

/// <summary>Touches of one place from one journal batch, with the tenant's time zone to cut "today" and hours.</summary>
public sealed record PlaceTouchBatch(string TimeZoneId, IReadOnlyList<PlaceTouch> Touches);

/// <summary>One committed touch as the place counters need it.</summary>
public sealed record PlaceTouch(long Seq, string ResidentId, string Outcome, DateTimeOffset TouchedAt, bool FirstVisitToday);
