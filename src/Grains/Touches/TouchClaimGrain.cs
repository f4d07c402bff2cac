using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Touches;

/// <summary>Stored state of <see cref="TouchClaimGrain"/>.</summary>
public sealed class TouchClaimState
{
    public TouchClaim? Claim { get; set; }
}

/// <summary>
/// One touch id's tenant-wide claim. Atomic because the grain runs one turn at a time and a tenant
/// lives on one node; durable because the first write is stored with "no record may exist" as its
/// expected version, so even two activations racing after a restart cannot both win. Cheap: one
/// small row in the same group commit as the resident's write, and the activation is collected
/// after a minute (claims are read again only by retries).
/// </summary>
public sealed class TouchClaimGrain : Grain<TouchClaimState>, ITouchClaimGrain
{
    public Task<TouchClaim?> GetAsync() => Task.FromResult(State.Claim);

    public async Task<TouchClaim> ClaimAsync(TouchClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (State.Claim is { } existing)
        {
            return existing;
        }

        State.Claim = claim;
        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
        return claim;
    }
}
