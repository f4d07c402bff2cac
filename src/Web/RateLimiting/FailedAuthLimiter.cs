using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace LoCoPi.Web.RateLimiting;

/// <summary>
/// Counts, per client (<see cref="ClientPartition"/>), the requests whose token was wrong or that
/// ended 401 without one, and refuses a client over <see cref="RateLimitSettings.FailedAuth"/>. Only
/// failures are counted, so a reader sending thousands of touches a second with a valid token is
/// never limited. A client over the limit has its tokens refused before they are resolved: telling
/// a valid reader or login token from a forged one costs the very grain call and storage read the
/// limit is there to save, so for <c>Retry-After</c> seconds that address gets 429 on every
/// protected request (the admin token, checked in memory, still passes).
/// </summary>
public sealed class FailedAuthLimiter(RateLimitSettings settings) : IDisposable
{
    private static readonly object CountedKey = new();
    private static readonly object RejectedKey = new();

    // Buckets of addresses that stopped failing are dropped once full again, so the table holds
    // only the addresses that failed within the last window.
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetTokenBucketLimiter(key, _ => settings.FailedAuth.ToTokenBucket()));

    // The clients that used up their permits: the only ones TryRejectEarly must look up. Every
    // request with a token asks, and a reader sending thousands of touches a second should not pay
    // for its address string, the partitioner and the limiter's lock on each (docs/benchmarks.md,
    // session 8: what that saves was not measurable above the machine's noise).
    private readonly ConcurrentDictionary<string, bool> _exhausted = new(StringComparer.Ordinal);

    /// <summary>
    /// Before a token is resolved: true when the client is over the limit, so the token must not be
    /// looked at; the request is then answered 429 if it needs authentication.
    /// </summary>
    public bool TryRejectEarly(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_exhausted.IsEmpty)
        {
            return false;
        }

        var client = ClientPartition.Of(context);
        if (!_exhausted.ContainsKey(client))
        {
            return false;
        }

        // Not a zero-permit probe: the bucket refills a fraction of a permit every 100 ms, and a
        // probe passes on any fraction, so a client at its limit would never be stopped early.
        if (_limiter.GetStatistics(client) is not { CurrentAvailablePermits: < 1 })
        {
            _exhausted.TryRemove(client, out _);
            return false;
        }

        context.Items[RejectedKey] = settings.FailedAuth.Window / settings.FailedAuth.PermitLimit;
        return true;
    }

    /// <summary>Counts a token that turned out wrong (once per request).</summary>
    public void RecordFailure(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryAdd(CountedKey, true))
        {
            var client = ClientPartition.Of(context);
            using var _ = _limiter.AttemptAcquire(client, 1);
            NoteIfExhausted(client);
        }
    }

    /// <summary>
    /// When a request is about to be answered 401: null to answer 401 (the failure is counted), or
    /// how long the client must wait, to answer 429 instead.
    /// </summary>
    public TimeSpan? RefuseChallenge(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(RejectedKey, out var wait))
        {
            return (TimeSpan)wait!;
        }

        if (!context.Items.TryAdd(CountedKey, true))
        {
            return null;
        }

        var client = ClientPartition.Of(context);
        using var lease = _limiter.AttemptAcquire(client, 1);
        NoteIfExhausted(client);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    public void Dispose() => _limiter.Dispose();

    private void NoteIfExhausted(string client)
    {
        if (_limiter.GetStatistics(client) is { CurrentAvailablePermits: < 1 })
        {
            _exhausted.TryAdd(client, true);
        }
    }

    /// <summary>The limiter's own estimate, or else the time one permit takes to refill.</summary>
    private TimeSpan RetryAfter(RateLimitLease lease)
        => lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.FailedAuth.Window / settings.FailedAuth.PermitLimit;
}
