using System.Diagnostics;
using LoCoPi.LoadGenerator.Probes;

namespace LoCoPi.LoadGenerator.Load;

/// <summary>The measured window of one target: throughput, exact latency percentiles, errors.</summary>
internal sealed class RunResult
{
    private readonly long[] _sortedTicks;

    public RunResult(LoadTarget target, TimeSpan window, IReadOnlyList<WorkerRecorder> workers, WindowCost cost)
    {
        Cost = cost;
        Target = target;
        Window = window;
        // Samples are sorted once: exact percentiles, and a 15 s run holds at most a few million longs.
        _sortedTicks = [.. workers.SelectMany(w => w.LatencyTicks)];
        Array.Sort(_sortedTicks);
        Errors = Merge(workers.Select(w => w.Errors));
        Outcomes = Merge(workers.Select(w => w.Outcomes));
        // The last slot holds completions in the final fraction of a second; it is not a full second.
        var fullSeconds = Math.Max(1, (int)Math.Floor(window.TotalSeconds));
        var perSecond = Enumerable.Range(0, fullSeconds).Select(s => workers.Sum(w => s < w.PerSecond.Length ? w.PerSecond[s] : 0)).ToArray();
        SlowestSecond = perSecond.Min();
        FastestSecond = perSecond.Max();
    }

    /// <summary>Fewest successes completed in any whole second of the window.</summary>
    public long SlowestSecond { get; }

    public long FastestSecond { get; }

    public LoadTarget Target { get; }

    /// <summary>CPU, transactions and WAL the servers spent in the window.</summary>
    public WindowCost Cost { get; }

    public TimeSpan Window { get; }

    public long Successes => _sortedTicks.Length;

    public long ErrorCount => Errors.Values.Sum();

    public IReadOnlyDictionary<string, long> Errors { get; }

    public IReadOnlyDictionary<string, long> Outcomes { get; }

    /// <summary>Successful touches per second of the measured window.</summary>
    public double Throughput => Successes / Window.TotalSeconds;

    public double PercentileMilliseconds(double percentile)
    {
        if (_sortedTicks.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percentile / 100 * _sortedTicks.Length) - 1;
        var ticks = _sortedTicks[Math.Clamp(rank, 0, _sortedTicks.Length - 1)];
        return ticks * 1000.0 / Stopwatch.Frequency;
    }

    public double MaxMilliseconds => _sortedTicks.Length == 0 ? double.NaN : _sortedTicks[^1] * 1000.0 / Stopwatch.Frequency;

    private static SortedDictionary<string, long> Merge(IEnumerable<Dictionary<string, long>> parts)
    {
        var merged = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in parts.SelectMany(p => p))
        {
            merged[key] = merged.GetValueOrDefault(key) + count;
        }
        return merged;
    }
}
