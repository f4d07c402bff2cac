using LoCoPi.Runtime;

namespace LoCoPi.Web.Live;

/// <summary>
/// The hub's <c>runtimeStats</c> message: the runtime snapshot with latencies in milliseconds, so
/// browsers need not parse .NET time spans. <see cref="Time"/> orders messages (newer wins).
/// </summary>
public sealed record RuntimeStatsView(
    DateTimeOffset Time,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsPerType,
    double CallsPerSecond,
    long TotalCalls,
    long TotalErrors,
    long Timeouts,
    long Overloads,
    LatencyView CallLatencyMs,
    LatencyView StorageWriteLatencyMs,
    int TotalQueueLength,
    int MaxQueueLength,
    IReadOnlyList<MethodView> Methods)
{
    public static RuntimeStatsView From(RuntimeStatisticsSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new RuntimeStatsView(
            s.Time, s.Activations, s.ActivationsPerType, s.CallsPerSecond, s.TotalCalls, s.TotalErrors, s.Timeouts,
            s.Overloads, LatencyView.From(s.CallLatency), LatencyView.From(s.StorageWriteLatency), s.TotalQueueLength,
            s.MaxQueueLength,
            [.. s.Methods.Select(m => new MethodView(m.Method, m.TotalCalls, m.TotalErrors, m.CallsPerSecond, LatencyView.From(m.Latency)))]);
    }
}

/// <summary>Latency percentiles in milliseconds over the last statistics window.</summary>
public sealed record LatencyView(double P50, double P95, double P99, long Count)
{
    public static LatencyView From(LatencyPercentiles p)
        => new(p.P50.TotalMilliseconds, p.P95.TotalMilliseconds, p.P99.TotalMilliseconds, p.Count);
}

/// <summary>One grain method's counters ("IPlaceStatsGrain.ApplyTouchesAsync").</summary>
public sealed record MethodView(string Method, long TotalCalls, long TotalErrors, double CallsPerSecond, LatencyView LatencyMs);
