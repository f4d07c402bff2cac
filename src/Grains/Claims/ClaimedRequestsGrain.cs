using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Claims;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Claims;

/// <summary>Answers retried request ids from their stored claims; see <see cref="IClaimedRequestsGrain"/>.</summary>
public sealed class ClaimedRequestsGrain : Grain, IClaimedRequestsGrain
{
    public async Task<TouchReply?> FindTouchAnswerAsync(string touchId, string bodyHash)
    {
        if (await ReadClaimAsync(TouchReply.ClaimScope, touchId) is not { } claim)
        {
            return null;
        }

        if (claim.BodyHash != bodyHash)
        {
            return TouchReply.Rejected(DomainErrors.IdempotencyConflict);
        }

        // A claim stored before results were is answered by the resident whose write made it.
        return TouchResult.FromClaimResult(touchId, claim.Result) is { } stored
            ? TouchReply.Success(stored)
            : await GrainFactory.GetGrain<IResidentGrain>(Tenant, claim.OwnerGrainKey).ReplayTouchAsync(touchId, bodyHash);
    }

    public async Task<MoneyReply?> FindMoneyAnswerAsync(string id, string bodyHash)
        => await ReadClaimAsync(Key, id) is { } claim ? MoneyAnswers.FromClaim(claim, id, bodyHash) : null;
}
