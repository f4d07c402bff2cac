namespace LoCoPi.Runtime;

/// <summary>Runtime-wide policy; grain types may override collection age and queue length.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Timeout of calls whose method sets none.</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Bound of each activation's queue; past it callers get <see cref="GrainOverloadedException"/>.</summary>
    public int MaxQueueLength { get; set; } = 10_000;

    /// <summary>Shortest allowed reminder period.</summary>
    public TimeSpan MinReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often in-flight calls are checked against their deadlines (the timeout resolution).</summary>
    public TimeSpan CallTimeoutCheckInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Window over which rates and latency percentiles are computed.</summary>
    public TimeSpan StatisticsWindow { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (DefaultCallTimeout <= TimeSpan.Zero || CollectionAge <= TimeSpan.Zero || CollectionQuantum <= TimeSpan.Zero
            || CallTimeoutCheckInterval <= TimeSpan.Zero || StatisticsWindow <= TimeSpan.Zero || MinReminderPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(GrainRuntimeOptions), "Runtime time spans must be positive.");
        }

        if (MaxQueueLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GrainRuntimeOptions), "MaxQueueLength must be positive.");
        }
    }
}
