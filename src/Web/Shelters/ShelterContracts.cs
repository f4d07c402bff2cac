namespace LoCoPi.Web.Shelters;

/// <summary>
/// <c>GET /api/v1/tenants/{t}/shelters/{p}</c>: a shelter's live occupancy against its capacity.
/// <paramref name="Capacity"/> is null when the place was defined without one.
/// </summary>
public sealed record ShelterResponse(string PlaceId, int? Capacity, int Occupancy, IReadOnlyList<EvacueeResponse> Evacuees);

/// <summary>A person inside the shelter, checked in when their card was touched (ISO 8601 with offset).</summary>
public sealed record EvacueeResponse(string ResidentId, DateTimeOffset CheckedInAt);
