using System.Diagnostics;
using LoCoPi.LoadGenerator.Probes;

namespace LoCoPi.LoadGenerator.Load;

/// <summary>The measured window(s) of one target: throughput, exact latency percentiles, errors, cost.</summary>
internal sealed class RunResult
{
    private readonly long[] _sortedTicks;

    private RunResult(
        LoadTarget target, TimeSpan window, long[] sortedTicks, IReadOnlyDictionary<string, long> errors,
        IReadOnlyDictionary<string, long> outcomes, long slowestSecond, long fastestSecond, WindowCost cost, int rounds)
    {
        Target = target;
        Window = window;
        _sortedTicks = sortedTicks;
        Errors = errors;
        Outcomes = outcomes;
        SlowestSecond = slowestSecond;
        FastestSecond = fastestSecond;
        Cost = cost;
        Rounds = rounds;
    }

    public static RunResult FromWorkers(LoadTarget target, TimeSpan window, IReadOnlyList<WorkerRecorder> workers, WindowCost cost)
    {
        // Samples are sorted once: exact percentiles, and a 15 s run holds at most a few million longs.
        long[] ticks = [.. workers.SelectMany(w => w.LatencyTicks)];
        Array.Sort(ticks);
        // The last slot holds completions in the final fraction of a second; it is not a full second.
        var fullSeconds = Math.Max(1, (int)Math.Floor(window.TotalSeconds));
        var perSecond = Enumerable.Range(0, fullSeconds).Select(s => workers.Sum(w => s < w.PerSecond.Length ? w.PerSecond[s] : 0)).ToArray();
        return new RunResult(
            target, window, ticks, Merge(workers.Select(w => w.Errors)), Merge(workers.Select(w => w.Outcomes)),
            perSecond.Min(), perSecond.Max(), cost, rounds: 1);
    }

    /// <summary>One target's rounds as if they were one long window: samples, counts and cost add up.</summary>
    public static RunResult Combine(IReadOnlyList<RunResult> rounds)
    {
        if (rounds.Count == 1)
        {
            return rounds[0];
        }
        long[] ticks = [.. rounds.SelectMany(r => r._sortedTicks)];
        Array.Sort(ticks);
        return new RunResult(
            rounds[0].Target,
            TimeSpan.FromTicks(rounds.Sum(r => r.Window.Ticks)),
            ticks,
            Merge(rounds.Select(r => r.Errors)),
            Merge(rounds.Select(r => r.Outcomes)),
            rounds.Min(r => r.SlowestSecond),
            rounds.Max(r => r.FastestSecond),
            rounds.Skip(1).Aggregate(rounds[0].Cost, (sum, r) => sum.Plus(r.Cost)),
            rounds.Count);
    }

    public LoadTarget Target { get; }

    public TimeSpan Window { get; }

    /// <summary>How many measured windows this result adds up.</summary>
    public int Rounds { get; }

    /// <summary>Fewest successes completed in any whole second of the window.</summary>
    public long SlowestSecond { get; }

    public long FastestSecond { get; }

    /// <summary>CPU, transactions and WAL the servers spent in the window.</summary>
    public WindowCost Cost { get; }

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

    private static SortedDictionary<string, long> Merge(IEnumerable<IEnumerable<KeyValuePair<string, long>>> parts)
    {
        var merged = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in parts.SelectMany(p => p))
        {
            merged[key] = merged.GetValueOrDefault(key) + count;
        }
        return merged;
    }
}
