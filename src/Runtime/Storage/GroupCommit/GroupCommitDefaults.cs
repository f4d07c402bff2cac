namespace LoCoPi.Runtime;

/// <summary>Group-commit figures shared by the storage providers' options.</summary>
public static class GroupCommitDefaults
{
    /// <summary>Writes that may wait for a batch before callers wait to enqueue: five PostgreSQL batches, ten SQLite ones.</summary>
    public const int MaxQueuedWrites = 10_000;
}
