namespace LoCoPi.Web.ResidentPage;

/// <summary>
/// <c>GET /api/v1/me/resident</c>: the logged-in resident's own points, coin balance, grants and
/// recent history. <see cref="BalanceYen"/> counts only what can be spent today (paid value plus
/// grants not yet expired); no individual number and no other resident's data is ever in it.
/// </summary>
public sealed record MyResidentResponse(
    string ResidentId,
    string? DisplayName,
    long PointsBalance,
    long BalanceYen,
    long PaidYen,
    IReadOnlyList<MyGrant> Grants,
    IReadOnlyList<MyTouch> RecentTouches,
    IReadOnlyList<MyMoney> RecentMoney);

/// <summary>
/// A grant bucket that can still be spent. <see cref="ExpiresOn"/> is the stored expiry date (the
/// first day it can no longer be spent); <see cref="UsableUntil"/> is the last day it can, the date
/// a page writes as "…まで".
/// </summary>
public sealed record MyGrant(string GrantId, string Reason, long RemainingYen, DateOnly ExpiresOn, DateOnly UsableUntil);

/// <summary>One touch, newest first; <see cref="PlaceName"/> is null when the place is unknown.</summary>
public sealed record MyTouch(
    string TouchId, string PlaceId, string? PlaceName, string Outcome, long PointsAwarded, DateTimeOffset TouchedAt);

/// <summary>
/// One money movement, newest first: <see cref="Kind"/> is charge, grant, payment, expiry or refund;
/// <see cref="AmountYen"/> is always positive (the kind says which way it went).
/// </summary>
public sealed record MyMoney(string EntryId, string Kind, long AmountYen, string? PlaceId, string? PlaceName, DateTimeOffset At);
