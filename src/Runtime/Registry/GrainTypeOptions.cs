namespace LoCoPi.Runtime;

/// <summary>Per-grain-type overrides of the runtime's activation policy.</summary>
public sealed record GrainTypeOptions
{
    /// <summary>How long an activation may stay idle before it is collected; null uses the runtime default.</summary>
    public TimeSpan? CollectionAge { get; init; }

    /// <summary>Never collect activations of this type for idleness (they still end when the runtime stops).</summary>
    public bool KeepAlive { get; init; }

    /// <summary>Bound of each activation's queue; null uses the runtime default.</summary>
    public int? MaxQueueLength { get; init; }
}
