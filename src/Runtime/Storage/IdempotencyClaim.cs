namespace LoCoPi.Runtime;

/// <summary>
/// A tenant-wide "first writer wins" record stored atomically with a grain write: the write commits
/// only if no claim with the same (tenant, <see cref="Scope"/>, <see cref="Key"/>) exists yet.
/// <see cref="OwnerGrainKey"/> names the grain whose write made the claim, <see cref="BodyHash"/> the
/// request it was made for, so a retry can be told from a conflicting reuse of the key.
/// <see cref="Result"/> (optional, small) is what the owner answered: stored with the claim, a retry
/// is answered from the claim alone, and the owner's state need not keep a record per request (which
/// it would rewrite on every later write). <see cref="RequestTime"/> is the time the request itself
/// carries when that bounds its retries (a touch's <c>at</c>): a claim is pruned only by it, so a
/// claim without one (a request that can be retried at any time) is kept for good.
/// </summary>
public sealed record IdempotencyClaim(
    string Scope, string Key, string OwnerGrainKey, string BodyHash, string? Result = null, DateTimeOffset? RequestTime = null);

/// <summary>
/// A write carried a claim that already exists. Nothing of the write was stored (state, events and
/// claims); <see cref="Existing"/> is the claim as stored. The activation stays consistent.
/// </summary>
public sealed class IdempotencyClaimConflictException : GrainRuntimeException
{
    public IdempotencyClaimConflictException() { }

    public IdempotencyClaimConflictException(string message) : base(message) { }

    public IdempotencyClaimConflictException(string message, Exception inner) : base(message, inner) { }

    public IdempotencyClaimConflictException(IdempotencyClaim existing)
        : base($"The {existing?.Scope} key '{existing?.Key}' is already claimed by '{existing?.OwnerGrainKey}'.")
        => Existing = existing;

    /// <summary>The stored claim; null only when the exception was built without one.</summary>
    public IdempotencyClaim? Existing { get; }
}
