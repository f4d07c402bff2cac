namespace LoCoPi.Runtime;

/// <summary>
/// The runtime's state at one moment, for the admin dashboard. Rates and percentiles cover the last
/// complete statistics window (one second by default); totals count since start.
/// </summary>
public sealed record RuntimeStatisticsSnapshot(
    DateTimeOffset Time,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsPerType,
    double CallsPerSecond,
    long TotalCalls,
    long TotalErrors,
    long Timeouts,
    long Overloads,
    long Deactivations,
    LatencyPercentiles CallLatency,
    IReadOnlyList<MethodStatistics> Methods,
    int TotalQueueLength,
    int MaxQueueLength,
    LatencyPercentiles StorageReadLatency,
    LatencyPercentiles StorageWriteLatency,
    int ActiveReminders);

/// <summary>Counters of one grain method ("ICardGrain.TouchAsync").</summary>
public sealed record MethodStatistics(
    string Method, long TotalCalls, long TotalErrors, double CallsPerSecond, LatencyPercentiles Latency);
