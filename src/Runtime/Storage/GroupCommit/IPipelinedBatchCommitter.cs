namespace LoCoPi.Runtime.Storage.GroupCommit;

/// <summary>
/// A provider that can execute the next batch while the previous one's commit is being made
/// durable (PostgreSQL: two writer connections). The fsync of batch N then overlaps the statement
/// of batch N+1 instead of following it, so a write waits for one commit, not for one and a half.
/// </summary>
internal interface IPipelinedBatchCommitter : IBatchCommitter
{
    /// <summary>
    /// Applies the batch inside an open transaction and numbers its events with
    /// <paramref name="sequencer"/>, without committing. At most two prepared batches exist at a
    /// time; the writer commits them strictly in order and rolls the later back when the earlier fails.
    /// </summary>
    Task<IPreparedBatch> ExecuteAsync(
        IReadOnlyList<GrainStateWrite> writes, JournalSequencer sequencer, CancellationToken cancellationToken);
}

/// <summary>A batch applied in an open transaction: its outcomes hold once <see cref="CommitAsync"/> returns.</summary>
internal interface IPreparedBatch
{
    WriteOutcome[] Outcomes { get; }

    /// <summary>Commits; returns only when the commit is durable.</summary>
    Task CommitAsync();

    /// <summary>Undoes the batch; never throws (a broken connection rolls back by itself).</summary>
    Task RollbackAsync();
}
