namespace LoCoPi.LoadGenerator.Load;

/// <summary>
/// What one simulated reader saw during the measured window. Each worker owns its recorder,
/// so recording takes no lock and does not disturb the latencies it measures.
/// </summary>
internal sealed class WorkerRecorder(int seconds)
{
    /// <summary>Successes per second of the window: a stall (a slow commit, a GC pause) shows as a dip.</summary>
    public long[] PerSecond { get; } = new long[seconds + 1];

    public List<long> LatencyTicks { get; } = new(capacity: 16_384);

    public Dictionary<string, long> Errors { get; } = [];

    public Dictionary<string, long> Outcomes { get; } = [];

    public void RecordSuccess(long elapsedTicks, string outcome, int second)
    {
        LatencyTicks.Add(elapsedTicks);
        PerSecond[Math.Min(second, PerSecond.Length - 1)]++;
        Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
    }

    public void RecordError(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
}
