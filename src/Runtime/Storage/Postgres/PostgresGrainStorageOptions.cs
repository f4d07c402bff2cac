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
}
