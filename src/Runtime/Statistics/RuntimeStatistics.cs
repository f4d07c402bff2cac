using System.Collections.Concurrent;

namespace LoCoPi.Runtime;

/// <summary>
/// Counters the call path feeds without locks; windows rotate on a TimeProvider timer so rates and
/// percentiles describe the last complete window.
/// </summary>
internal sealed class RuntimeStatistics(TimeProvider time, TimeSpan window)
{
    private readonly ConcurrentDictionary<GrainMethod, MethodCounters> _methods = new(ReferenceEqualityComparer.Instance);
    private readonly LatencyHistogram _storageReads = new();
    private readonly LatencyHistogram _storageWrites = new();
    private long _timeouts;
    private long _overloads;
    private long _deactivations;
    private ITimer? _timer;

    internal void Start()
        => _timer = time.CreateTimer(static s => ((RuntimeStatistics)s!).Rotate(), this, window, window);

    internal void Stop() => _timer?.Dispose();

    internal void RecordCall(GrainMethod method, long elapsedTicks, bool failed)
    {
        var counters = _methods.TryGetValue(method, out var found) ? found : _methods.GetOrAdd(method, static _ => new MethodCounters());
        var microseconds = elapsedTicks * 1_000_000.0 / time.TimestampFrequency;
        counters.Calls.Increment();
        counters.Latency.Record(microseconds);
        if (failed)
        {
            counters.Errors.Increment();
        }
    }

    internal void RecordStorageRead(long elapsedTicks) => _storageReads.Record(elapsedTicks * 1_000_000.0 / time.TimestampFrequency);

    internal void RecordStorageWrite(long elapsedTicks) => _storageWrites.Record(elapsedTicks * 1_000_000.0 / time.TimestampFrequency);

    internal void RecordTimeout() => Interlocked.Increment(ref _timeouts);

    internal void RecordOverload() => Interlocked.Increment(ref _overloads);

    internal void RecordDeactivation() => Interlocked.Increment(ref _deactivations);

    internal void Rotate()
    {
        _storageReads.Rotate();
        _storageWrites.Rotate();
        foreach (var counters in _methods.Values)
        {
            counters.Latency.Rotate();
        }
    }

    internal RuntimeStatisticsSnapshot Snapshot(IEnumerable<Activation> activations, int activeReminders)
    {
        var perType = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = 0, totalQueue = 0, maxQueue = 0;
        foreach (var activation in activations)
        {
            count++;
            perType[activation.GrainId.Type] = perType.GetValueOrDefault(activation.GrainId.Type) + 1;
            var queue = activation.QueueLength;
            totalQueue += queue;
            maxQueue = Math.Max(maxQueue, queue);
        }

        var seconds = window.TotalSeconds;
        var callLatency = LatencyHistogram.Merged(_methods.Values.Select(m => m.Latency));
        var methods = _methods
            .Select(m =>
            {
                var latency = m.Value.Latency.Percentiles();
                return new MethodStatistics(m.Key.FullName, m.Value.Calls.Read(), m.Value.Errors.Read(), latency.Count / seconds, latency);
            })
            .OrderBy(m => m.Method, StringComparer.Ordinal)
            .ToArray();
        return new RuntimeStatisticsSnapshot(
            time.GetUtcNow(), count, perType, callLatency.Count / seconds, methods.Sum(m => m.TotalCalls), methods.Sum(m => m.TotalErrors),
            Interlocked.Read(ref _timeouts), Interlocked.Read(ref _overloads), Interlocked.Read(ref _deactivations),
            callLatency, methods, totalQueue, maxQueue, _storageReads.Percentiles(), _storageWrites.Percentiles(), activeReminders);
    }

    private sealed class MethodCounters
    {
        internal StripedCounter Calls { get; } = new();

        internal StripedCounter Errors { get; } = new();

        internal LatencyHistogram Latency { get; } = new();
    }
}
