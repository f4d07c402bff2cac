namespace LoCoPi.Web.Daycare;

/// <summary>Body of <c>PUT /api/v1/tenants/{t}/places/{placeId}/children/{childId}</c>: the guardian whose card checks the child in and out.</summary>
public sealed record EnrolRequest(string GuardianId);

/// <summary><c>GET /api/v1/staff/daycare/{placeId}</c>: who is at the nursery now.</summary>
public sealed record DaycarePresence(string PlaceId, IReadOnlyList<DaycareChild> Present);

public sealed record DaycareChild(string ChildId, string? DisplayName, DateTimeOffset Since);
