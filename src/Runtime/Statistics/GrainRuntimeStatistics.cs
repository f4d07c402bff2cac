namespace LoCoPi.Runtime;

public sealed partial class GrainRuntime
{
    /// <summary>A snapshot of activations, call rates, latencies, queues, storage latency and reminders.</summary>
    public RuntimeStatisticsSnapshot GetStatistics()
        => Statistics.Snapshot(_catalog.Values, Reminders.Count);
}
