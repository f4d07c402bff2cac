using System.Globalization;

namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>
/// A touch to apply to a resident, already authenticated (reader, place, mode).
/// <see cref="BodyHash"/> identifies the request body for idempotency: the resident claims the touch
/// id tenant-wide with it, in the same durable write that applies the touch. <see cref="HasReaderTime"/>
/// says whether <see cref="TouchedAt"/> is the reader's <c>at</c> (a retry can only repeat it while it
/// is inside the upload window) or the time the server received the touch (a retry has no time bound).
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
    bool HasReaderTime = false);

/// <summary>What a touch did: the body of a successful touch response, without the message.</summary>
public sealed record TouchResult(string TouchId, string Outcome, long PointsAwarded, long PointsBalance)
{
    /// <summary>
    /// The result as stored with the touch id's claim, "outcome points balance" (the touch id is the
    /// claim's key): a few bytes per touch, written once, where a record in the resident's state was
    /// rewritten with every later touch of that resident.
    /// </summary>
    public string ToClaimResult()
        => string.Create(CultureInfo.InvariantCulture, $"{Outcome} {PointsAwarded} {PointsBalance}");

    /// <summary>Reads <see cref="ToClaimResult"/> back; null when nothing (or something else) was stored.</summary>
    public static TouchResult? FromClaimResult(string touchId, string? stored)
    {
        var parts = stored?.Split(' ');
        return parts is [var outcome, var awarded, var balance]
            && long.TryParse(awarded, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points)
            && long.TryParse(balance, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var total)
            ? new TouchResult(touchId, outcome, points, total)
            : null;
    }
}

/// <summary>Either the result of a touch or the domain code of its rejection (see <see cref="DomainErrors"/>).</summary>
public sealed record TouchReply(TouchResult? Result, string? ErrorCode)
{
    /// <summary>The scope of touch ids in the storage's idempotency claims.</summary>
    public const string ClaimScope = "touch";

    public static TouchReply Success(TouchResult result) => new(result, null);

    public static TouchReply Rejected(string errorCode) => new(null, errorCode);
}
