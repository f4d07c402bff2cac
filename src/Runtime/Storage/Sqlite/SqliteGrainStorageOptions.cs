namespace LoCoPi.Runtime;

/// <summary>Settings of <see cref="SqliteGrainStorage"/>.</summary>
public sealed record SqliteGrainStorageOptions
{
    /// <summary>Database file; its directory is created when missing.</summary>
    public string DataSource { get; init; } = "./data/locopi.db";

    /// <summary>
    /// Group the writes of many callers into one transaction (default). False commits one
    /// transaction per write, for the benchmark comparison only.
    /// </summary>
    public bool GroupCommit { get; init; } = true;

    /// <summary>Most writes committed in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 1000;
}
