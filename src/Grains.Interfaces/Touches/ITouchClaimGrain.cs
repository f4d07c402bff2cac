using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>
/// The tenant-wide claim on one touch id (grain key = touch id). The first claim wins and is stored
/// durably; a later claim with the same body hash gets the original claim back (a retry, possibly
/// after a crash), a different body hash is refused. This is what stops two different cards from
/// both applying one touch id, which the per-resident record alone cannot see.
/// </summary>
public interface ITouchClaimGrain : IGrain
{
    /// <summary>The stored claim, or null when the touch id was never claimed.</summary>
    Task<TouchClaim?> GetAsync();

    /// <summary>Claims the id for this body; returns the winning claim (compare its hash).</summary>
    Task<TouchClaim> ClaimAsync(TouchClaim claim);
}

/// <summary>Who a touch id belongs to: the body hash, the resident it applies to, and when.</summary>
public sealed record TouchClaim(string BodyHash, string CardId, string ResidentId, DateTimeOffset ClaimedAt);

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class TouchClaimGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), ITouchClaimGrain
{
    private static readonly GrainMethod Get = new(nameof(ITouchClaimGrain), nameof(GetAsync), readOnly: true);
    private static readonly GrainMethod Claim = new(nameof(ITouchClaimGrain), nameof(ClaimAsync));

    public Task<TouchClaim?> GetAsync()
        => InvokeAsync<ITouchClaimGrain, bool, TouchClaim?>(Get, false, static (g, _) => g.GetAsync());

    public Task<TouchClaim> ClaimAsync(TouchClaim claim)
        => InvokeAsync<ITouchClaimGrain, TouchClaim, TouchClaim>(Claim, claim, static (g, c) => g.ClaimAsync(c));
}
