using System.Globalization;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>A payment at a shop's <c>pay</c> reader. <see cref="BodyHash"/> tells a retry from a reuse of the id.</summary>
public sealed record PaymentCommand(
    string PaymentId, string BodyHash, string CardId, string ShopId, string ReaderId, long AmountYen, string TimeZoneId);

/// <summary>Cash charged at a <c>charge</c> reader.</summary>
public sealed record ChargeCommand(
    string ChargeId, string BodyHash, string CardId, string PlaceId, string ReaderId, long AmountYen, string TimeZoneId);

/// <summary>A refund of paid value by an admin; <see cref="Actor"/> and <see cref="Reason"/> are audited.</summary>
public sealed record RefundCommand(
    string RefundId, string BodyHash, long AmountYen, string Reason, string Actor, string TimeZoneId);

/// <summary>One resident's share of a grant.</summary>
public sealed record GrantShare(string GrantId, long AmountYen, DateOnly ExpiresOn, string Reason, string TimeZoneId);

/// <summary>
/// The answer to a money request, stored with the request's id so a retry gets exactly this again:
/// approved (<see cref="ErrorCode"/> null) or declined. <see cref="BalanceYen"/> is the spendable
/// balance after the request.
/// </summary>
public sealed record MoneyReply(string Id, string? ErrorCode, long BalanceYen, long PointsAwarded)
{
    private const string Approved = "-";

    public static MoneyReply Rejected(string id, string errorCode) => new(id, errorCode, 0, 0);

    /// <summary>
    /// The answer as stored with the id's claim, "code balance points" (<c>-</c> for approved; the id
    /// is the claim's key): a few bytes written once, where a record in the wallet's state would be
    /// rewritten by every later operation of that wallet for as long as it is kept.
    /// </summary>
    public string ToClaimResult()
        => string.Create(CultureInfo.InvariantCulture, $"{ErrorCode ?? Approved} {BalanceYen} {PointsAwarded}");

    /// <summary>Reads <see cref="ToClaimResult"/> back; null when nothing (or something else) was stored.</summary>
    public static MoneyReply? FromClaimResult(string id, string? stored)
    {
        var parts = stored?.Split(' ');
        return parts is [var code, var balance, var points]
            && long.TryParse(balance, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var balanceYen)
            && long.TryParse(points, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pointsAwarded)
            ? new MoneyReply(id, code == Approved ? null : code, balanceYen, pointsAwarded)
            : null;
    }
}
