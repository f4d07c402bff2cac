using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Watch;

/// <summary>
/// Journal event: a watched resident has not touched anywhere since <see cref="LastSeenAt"/> for the
/// configured period. Raised by the resident's watch links grain (grain key = resident id) and turned
/// into a gentle "inactivity" alert by the "watch-alerts" subscriber, like any touch, and onto the town
/// staff's list. <see cref="LastPlaceId"/> is where they last touched (null when they have not touched
/// since they were first watched, and in events journalled before it was added).
/// </summary>
public sealed record WatchInactivityNoticed(
    string ResidentId, DateTimeOffset LastSeenAt, DateTimeOffset NoticedAt, string? LastPlaceId = null) : IJournalEvent
{
    public static string EventType => "watch.inactivity_noticed";
}

/// <summary>The <see cref="WatchAlert.Kind"/> of an inactivity alert; touch alerts carry the touch's outcome.</summary>
public static class WatchAlertKinds
{
    public const string Inactivity = "inactivity";
}
