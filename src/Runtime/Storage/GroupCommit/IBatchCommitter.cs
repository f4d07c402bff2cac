namespace LoCoPi.Runtime.Storage.GroupCommit;

/// <summary>
/// A provider's half of group commit: applies a batch of writes (distinct keys) in one
/// transaction and commits it.
/// </summary>
internal interface IBatchCommitter
{
    /// <summary>The last journal sequence number of every tenant, as stored.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies every write whose expected version matches, with its events numbered by
    /// <paramref name="sequencer"/> in batch order, and commits. Returns one outcome per write, in
    /// order, only after the commit is durable. Throws when the transaction failed as a whole.
    /// </summary>
    Task<WriteOutcome[]> CommitBatchAsync(
        IReadOnlyList<GrainStateWrite> writes, JournalSequencer sequencer, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="error"/> says the database itself is unreachable or failing (every
    /// write would fail the same way) rather than that some write in the batch was bad.
    /// </summary>
    bool IsDatabaseFailure(Exception error);
}
