namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>
/// A touch to apply to a resident, already authenticated (reader, place, mode) and claimed
/// tenant-wide. <see cref="BodyHash"/> identifies the request body for idempotency;
/// <see cref="ClaimedAt"/> is when the touch id was first claimed.
/// </summary>
public sealed record TouchCommand(
    string TouchId,
    string BodyHash,
    string CardId,
    string PlaceId,
    string ReaderId,
    string Mode,
    long PointsPerVisit,
    string TimeZoneId,
    DateTimeOffset TouchedAt,
    DateTimeOffset ClaimedAt);

/// <summary>What a touch did: the body of a successful touch response, without the message.</summary>
public sealed record TouchResult(string TouchId, string Outcome, long PointsAwarded, long PointsBalance);

/// <summary>Either the result of a touch or the domain code of its rejection (see <see cref="DomainErrors"/>).</summary>
public sealed record TouchReply(TouchResult? Result, string? ErrorCode)
{
    public static TouchReply Success(TouchResult result) => new(result, null);

    public static TouchReply Rejected(string errorCode) => new(null, errorCode);
}
