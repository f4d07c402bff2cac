namespace LoCoPi.Runtime;

/// <summary>Where one grain's state record lives. All four parts are exact text.</summary>
public readonly record struct GrainStateKey(string Tenant, string GrainType, string GrainKey, string StateName);

/// <summary>A stored record. <see cref="Payload"/> is null when the state was cleared (the version is kept).</summary>
public sealed record StoredGrainState(ReadOnlyMemory<byte>? Payload, long Version);

/// <summary>
/// One durable write: the new state (null = clear) and the events raised with it, applied only if
/// the stored version still equals <see cref="ExpectedVersion"/> (null = no record may exist) and
/// every one of <see cref="Claims"/> (in the write's tenant) is new; the claims are stored with it.
/// With <see cref="KeepsState"/> the stored record is only checked, not rewritten: its payload and
/// version stay and <see cref="Payload"/> is ignored. That is the write of a grain whose state is its
/// last stored snapshot plus the events it raised since (an event-sourced grain); it needs a record.
/// </summary>
public sealed record GrainStateWrite(
    GrainStateKey Key, ReadOnlyMemory<byte>? Payload, long? ExpectedVersion, IReadOnlyList<PendingEvent> Events,
    IReadOnlyList<IdempotencyClaim>? Claims = null, bool KeepsState = false)
{
    /// <summary>Throws when the write cannot be applied as asked, whatever is stored.</summary>
    public void Validate()
    {
        if (KeepsState && ExpectedVersion is null)
        {
            throw new ArgumentException("A write that keeps the stored state needs the version it expects.", nameof(ExpectedVersion));
        }
    }
}

/// <summary>The version after the write and the events as committed, with their sequence numbers.</summary>
public sealed record GrainWriteResult(long Version, IReadOnlyList<CommittedEvent> Events);

/// <summary>A durable reminder row.</summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset NextDueAt, TimeSpan Period);

/// <summary>Receives every committed group, in commit order, before its writers are answered.</summary>
public interface IJournalCommitListener
{
    void OnCommitted(IReadOnlyList<CommittedEvent> events);
}

/// <summary>
/// A storage provider: grain state, the event journal, stream cursors and reminders. SQLite and
/// PostgreSQL implement it and both pass the same conformance suite.
/// </summary>
public interface IGrainStorage : IAsyncDisposable
{
    /// <summary>Provider name for statistics and logs ("sqlite", "postgres").</summary>
    string Name { get; }

    /// <summary>Creates or migrates the schema; idempotent, safe to call at every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<StoredGrainState?> ReadStateAsync(GrainStateKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Commits state and events atomically. Writes from many callers are grouped into one
    /// transaction (group commit); the task completes only when that transaction is durable.
    /// Throws <see cref="InconsistentStateException"/> when the expected version is stale, and
    /// <see cref="IdempotencyClaimConflictException"/> when one of its claims already exists; either
    /// way nothing of the write is stored, and the other writes of its batch still commit.
    /// </summary>
    Task<GrainWriteResult> WriteStateAsync(GrainStateWrite write, CancellationToken cancellationToken);

    /// <summary>The stored claim of (tenant, scope, key), or null when none was committed.</summary>
    Task<IdempotencyClaim?> ReadClaimAsync(string tenant, string scope, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> claims of <paramref name="scope"/> (all tenants)
    /// whose <see cref="IdempotencyClaim.RequestTime"/> is before <paramref name="requestedBefore"/>,
    /// oldest first, and returns how many went; a claim without a request time is never pruned. A
    /// pruned key can be claimed again: prune only scopes whose retries are refused by that time.
    /// </summary>
    Task<int> PruneClaimsAsync(string scope, DateTimeOffset requestedBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>Registers the listener told of every committed group (the stream manager).</summary>
    void SetCommitListener(IJournalCommitListener listener);

    /// <summary>Events of a tenant with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<CommittedEvent>> ReadJournalAsync(
        string tenant, long afterSeq, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// The newest events of one type that one grain raised after sequence number <paramref name="afterSeq"/>
    /// (0: all), newest first (an index serves it, so a grain can show its own history without keeping it
    /// in its state, or catch up on another grain's events it has not yet stored the effect of).
    /// </summary>
    Task<IReadOnlyList<CommittedEvent>> ReadGrainEventsAsync(
        string tenant, string grainType, string grainKey, string eventType, long afterSeq, int maxCount, CancellationToken cancellationToken);

    /// <summary>Every tenant that has a journal, with its last sequence number.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken);

    Task<long?> ReadCursorAsync(string subscriberName, string tenant, CancellationToken cancellationToken);

    Task WriteCursorAsync(string subscriberName, string tenant, long seq, CancellationToken cancellationToken);

    Task UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken);

    Task DeleteReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken);
}
