using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>
/// An alighting paired with the resident's last boarding: one row of the origin–destination table
/// used to redraw bus routes. Committed with the alighting's <see cref="TouchRecorded"/>.
/// </summary>
public sealed record RideCompleted(
    string ResidentId, string FromPlaceId, string ToPlaceId, DateTimeOffset BoardedAt, DateTimeOffset AlightedAt)
    : IJournalEvent
{
    public static string EventType => "ride.completed";
}
