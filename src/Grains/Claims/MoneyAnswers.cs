using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Claims;

/// <summary>The answer to a money request id someone already claimed.</summary>
internal static class MoneyAnswers
{
    /// <summary>
    /// The same body is a retry, answered from the claim; another body (or a claim with no answer,
    /// which no wallet writes) is a conflicting reuse of the id.
    /// </summary>
    public static MoneyReply FromClaim(IdempotencyClaim claim, string id, string bodyHash)
        => claim.BodyHash == bodyHash && MoneyReply.FromClaimResult(id, claim.Result) is { } stored
            ? stored
            : MoneyReply.Rejected(id, DomainErrors.IdempotencyConflict);
}
