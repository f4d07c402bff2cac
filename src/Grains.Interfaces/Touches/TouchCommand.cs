namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>
/// A touch to apply to a resident, already authenticated (reader, place, mode).
/// <see cref="BodyHash"/> identifies the request body for idempotency: the resident claims the touch
/// id tenant-wide with it, in the same durable write that applies the touch.
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
    DateTimeOffset TouchedAt);

/// <summary>What a touch did: the body of a successful touch response, without the message.</summary>
public sealed record TouchResult(string TouchId, string Outcome, long PointsAwarded, long PointsBalance);

/// <summary>Either the result of a touch or the domain code of its rejection (see <see cref="DomainErrors"/>).</summary>
public sealed record TouchReply(TouchResult? Result, string? ErrorCode)
{
    /// <summary>The scope of touch ids in the storage's idempotency claims.</summary>
    public const string ClaimScope = "touch";

    public static TouchReply Success(TouchResult result) => new(result, null);

    public static TouchReply Rejected(string errorCode) => new(null, errorCode);
}
