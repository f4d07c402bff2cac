namespace LoCoPi.Web.Admin;

/// <summary>Body of <c>PUT /api/v1/tenants/{tenantId}</c>.</summary>
public sealed record TenantRequest(string Name, string? TimeZone = null);

/// <summary>A tenant as returned by the API.</summary>
public sealed record TenantResponse(string TenantId, string Name, string TimeZone);

/// <summary>Body of <c>PUT /api/v1/tenants/{t}/places/{placeId}</c>.</summary>
public sealed record PlaceRequest(string Name, string Kind, long? PointsPerVisit = null, int? Capacity = null, string? Category = null);

/// <summary>A place as returned by the API.</summary>
public sealed record PlaceResponse(string PlaceId, string Name, string Kind, long PointsPerVisit, int? Capacity, string? Category);

/// <summary>Body of <c>PUT /api/v1/tenants/{t}/readers/{readerId}</c>.</summary>
public sealed record ReaderRequest(string PlaceId, string Mode);

/// <summary>The reader's new token: shown once, stored only as a hash.</summary>
public sealed record ReaderResponse(string ReaderId, string Token, string PlaceId, string Mode);

/// <summary>Body of <c>PUT /api/v1/tenants/{t}/residents/{residentId}</c>.</summary>
public sealed record ResidentRequest(string? DisplayName = null, int? BirthYear = null, Dictionary<string, string>? Attributes = null);

/// <summary><c>GET /api/v1/tenants/{t}/residents/{r}</c>.</summary>
public sealed record ResidentResponse(
    string ResidentId,
    string? DisplayName,
    int? BirthYear,
    long PointsBalance,
    long BalanceYen,
    IReadOnlyList<CardSummary> Cards,
    IReadOnlyList<TouchSummary> RecentTouches);

public sealed record CardSummary(string CardId, string Status);

public sealed record TouchSummary(string TouchId, string PlaceId, string Outcome, long PointsAwarded, DateTimeOffset TouchedAt);

/// <summary>Body of <c>PUT /api/v1/tenants/{t}/cards/{cardId}</c>.</summary>
public sealed record CardRequest(string ResidentId);

/// <summary>Body of <c>POST /api/v1/tenants/{t}/cards/{cardId}/suspend</c>.</summary>
public sealed record SuspendRequest(string Reason);

/// <summary>A card as returned by the API.</summary>
public sealed record CardResponse(string CardId, string ResidentId, string Status, string? SuspendReason);
