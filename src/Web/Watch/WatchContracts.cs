namespace LoCoPi.Web.Watch;

/// <summary>Body of <c>PUT /api/v1/tenants/{t}/residents/{r}/watchers/{accountId}</c>: who consented, and when.</summary>
public sealed record WatcherRequest(string ConsentBy, DateTimeOffset ConsentAt);

/// <summary>A watch link as the API shows it.</summary>
public sealed record WatcherResponse(string ResidentId, string AccountId, string ConsentBy, DateTimeOffset ConsentAt);

/// <summary>One person a family account watches (<c>GET /api/v1/me/watched</c>).</summary>
public sealed record WatchedResident(string ResidentId, string? DisplayName);

/// <summary>A watched person's recent touches (<c>GET /api/v1/me/watched/{r}</c>); 403 without a link.</summary>
public sealed record WatchedResidentDetail(string ResidentId, string? DisplayName, IReadOnlyList<WatchedTouch> RecentTouches);

public sealed record WatchedTouch(string PlaceId, string Outcome, DateTimeOffset TouchedAt);

/// <summary>Pushed on <c>/hubs/staff</c> (method <c>seen</c>): a resident on the inactivity list touched again.</summary>
public sealed record ResidentSeen(string ResidentId, DateTimeOffset At, long Seq);
