namespace LoCoPi.Runtime;

/// <summary>
/// A cheap latency histogram: logarithmic buckets (four per power of two, from a tenth of a microsecond), one row of
/// counters per processor so the hot path is an uncontended Interlocked increment, and two windows
/// swapped by <see cref="Rotate"/> so percentiles describe the last complete window.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Buckets = 160;
    private static readonly int Stripes = Math.Max(1, Environment.ProcessorCount);
    private long[] _current = new long[Stripes * Buckets];
    private long[] _previous = new long[Stripes * Buckets];

    internal void Record(double microseconds)
    {
        // In tenths of a microsecond: an idle-path call takes well under one.
        var tenths = microseconds * 10;
        var bucket = tenths < 1 ? 0 : Math.Min(Buckets - 1, (int)(Math.Log2(tenths + 1) * 4));
        var stripe = Thread.GetCurrentProcessorId() % Stripes;
        Interlocked.Increment(ref _current[stripe * Buckets + bucket]);
    }

    /// <summary>Ends the current window; a recorder racing with the swap may land in either window.</summary>
    internal void Rotate()
    {
        var stale = _previous;
        Array.Clear(stale);
        _previous = Interlocked.Exchange(ref _current, stale);
    }

    internal LatencyPercentiles Percentiles()
    {
        var counts = new long[Buckets];
        AddLastWindowTo(counts);
        return FromCounts(counts);
    }

    /// <summary>Percentiles of several histograms merged (all methods: the call path records only once).</summary>
    internal static LatencyPercentiles Merged(IEnumerable<LatencyHistogram> histograms)
    {
        var counts = new long[Buckets];
        foreach (var histogram in histograms)
        {
            histogram.AddLastWindowTo(counts);
        }

        return FromCounts(counts);
    }

    private void AddLastWindowTo(long[] counts)
    {
        var window = _previous;
        for (var i = 0; i < window.Length; i++)
        {
            counts[i % Buckets] += Volatile.Read(ref window[i]);
        }
    }

    private static LatencyPercentiles FromCounts(long[] counts)
    {
        var total = counts.Sum();
        return new LatencyPercentiles(At(counts, total, 0.50), At(counts, total, 0.95), At(counts, total, 0.99), total);
    }

    private static TimeSpan At(long[] counts, long total, double quantile)
    {
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(total * quantile);
        long seen = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= rank)
            {
                // The bucket's upper bound: percentiles err on the slow side.
                return TimeSpan.FromMicroseconds((Math.Pow(2, (bucket + 1) / 4.0) - 1) / 10);
            }
        }

        return TimeSpan.MaxValue;
    }
}

/// <summary>Latency percentiles over one statistics window.</summary>
public readonly record struct LatencyPercentiles(TimeSpan P50, TimeSpan P95, TimeSpan P99, long Count);
