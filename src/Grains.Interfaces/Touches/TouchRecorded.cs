using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>
/// A touch applied to a resident, committed in the same write as the points it awarded. Consumers
/// (place counters, watch-over, dashboards) read it from the journal. <see cref="Outcome"/> is one of
/// <see cref="TouchOutcomes"/>; <see cref="Mode"/> is the reader's mode string.
/// </summary>
public sealed record TouchRecorded(string TouchId, string CardId, string ResidentId, string PlaceId, string ReaderId, string Mode, string Outcome, long PointsAwarded, long PointsBalance, DateTimeOffset TouchedAt) : IJournalEvent { public static string EventType => "touch.recorded"; }
