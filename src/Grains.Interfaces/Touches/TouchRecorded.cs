using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>
/// A touch applied to a resident, committed in the same write as the points it awarded. Consumers
/// (place counters, watch-over, dashboards) read it from the journal. <see cref="Outcome"/> is one of
/// <see cref="TouchOutcomes"/>; <see cref="Mode"/> is the reader's mode string.
/// <see cref="FirstVisitToday"/> is true for the resident's first arrival (visit, boarding, check-in) at
/// the place on that tenant-local day, decided by the resident grain that owns the visit days, so
/// counters can count visitors without keeping a set of everyone who came. <see cref="LocalDay"/> is
/// that tenant-local day (null in events recorded before it was carried); with it the event holds
/// everything the touch changed in the resident, who is rebuilt from a snapshot plus these events.
/// </summary>
public sealed record TouchRecorded(
    string TouchId, string CardId, string ResidentId, string PlaceId, string ReaderId, string Mode, string Outcome,
    long PointsAwarded, long PointsBalance, DateTimeOffset TouchedAt, bool FirstVisitToday = false,
    DateOnly? LocalDay = null) : IJournalEvent
{
    public static string EventType => "touch.recorded";
}
