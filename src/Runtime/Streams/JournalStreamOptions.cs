namespace LoCoPi.Runtime;

/// <summary>
/// How the journal delivery loops retry and when a consumer counts as stuck. A loop that fails
/// (its observer throws, the journal cannot be read) waits <see cref="FirstRetryDelay"/>, then twice
/// that, and so on up to <see cref="MaxRetryDelay"/>, and tries the same batch again; it never skips one.
/// </summary>
public sealed record JournalStreamOptions
{
    /// <summary>Wait before the first retry.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest wait between two retries (a consumer down for an hour is still retried this often).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A consumer that has not finished its current batch for this long (failing or hanging) is
    /// reported by <see cref="IJournalDeliveryHealth"/>, and the node stops being ready.
    /// </summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1 (0 = the first retry): doubling, capped.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var first = Math.Max(1, FirstRetryDelay.Ticks);
        var cap = Math.Max(first, MaxRetryDelay.Ticks);
        var delay = first;
        for (var i = 0; i < attempt && delay < cap; i++)
        {
            delay *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(delay, cap));
    }
}
