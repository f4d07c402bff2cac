namespace LoCoPi.Runtime;

/// <summary>Settings of <see cref="PostgresGrainStorage"/>.</summary>
public sealed record PostgresGrainStorageOptions
{
    /// <summary>Npgsql connection string of the database holding the LoCoPi tables.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// Group the writes of many callers into one transaction (default). False commits one
    /// transaction per write, for the benchmark comparison only.
    /// </summary>
    public bool GroupCommit { get; init; } = true;

    /// <summary>Most writes committed in one transaction (one statement, one round trip).</summary>
    public int MaxBatchSize { get; init; } = 2000;

    /// <summary>
    /// Most writes waiting for a batch; a caller beyond it waits (back-pressure) instead of the
    /// queue growing without bound when the database is slower than the callers. The default is
    /// several batches' worth: more than the busiest benchmark keeps in flight (1,024 writers), so it
    /// never cuts throughput.
    /// </summary>
    public int MaxQueuedWrites { get; init; } = GroupCommitDefaults.MaxQueuedWrites;
}
