namespace LoCoPi.Runtime;

/// <summary>
/// A grain with persistent state. State is loaded before <see cref="Grain.OnActivateAsync"/>.
/// Events raised with <see cref="RaiseEvent{TEvent}"/> are committed together with the next
/// <see cref="WriteStateAsync"/> or <see cref="ClearStateAsync"/>: both are stored, or neither.
/// A write that fails leaves the in-memory state as stored: it is reloaded before the error reaches
/// the grain, so no grain has to undo a turn's changes itself.
/// </summary>
public abstract class Grain<TState> : Grain where TState : class, new()
{
    private TState _state = new();
    private readonly List<PendingEvent> _pendingEvents = [];

    /// <summary>Name of the stored state record; a grain type may keep several.</summary>
    protected virtual string StateName => "state";

    protected TState State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>True when a record is stored (written and not cleared).</summary>
    protected bool RecordExists { get; private set; }

    /// <summary>The stored version this activation last read or wrote; null when never written.</summary>
    protected string? ETag { get; private set; }

    /// <summary>Events waiting for the next write.</summary>
    protected int PendingEventCount => _pendingEvents.Count;

    internal GrainStateKey StateKey => new(Tenant, GrainId.Type, Key, StateName);

    /// <summary>Queues an event to be committed atomically with the next state write.</summary>
    protected void RaiseEvent<TEvent>(TEvent journalEvent) where TEvent : IJournalEvent
    {
        ArgumentNullException.ThrowIfNull(journalEvent);
        _pendingEvents.Add(new PendingEvent(
            TEvent.EventType, GrainId.Type, Key,
            Context.Serializer.SerializeEvent(journalEvent), TimeProvider.GetUtcNow()));
    }

    /// <summary>
    /// The newest events of one type this grain raised and committed, newest first, read from the
    /// journal: history a grain shows now and then need not live in (and be rewritten with) its state.
    /// </summary>
    protected async Task<IReadOnlyList<TEvent>> ReadRaisedEventsAsync<TEvent>(int maxCount) where TEvent : IJournalEvent
    {
        var stored = await Context.Storage.ReadGrainEventsAsync(
            Tenant, GrainId.Type, Key, TEvent.EventType, afterSeq: 0, maxCount, CancellationToken.None);
        return [.. stored.Select(e => e.Deserialize<TEvent>(Context.Serializer))];
    }

    /// <summary>
    /// The events of one type that another grain of this tenant raised after <paramref name="afterSeq"/>,
    /// oldest first, with their sequence numbers: a grain that applies another grain's events as a journal
    /// subscriber delivers them, and stores their effect only now and then, catches up from here on what
    /// it applied but had not stored. Fails when more than <paramref name="maxCount"/> are there, so a
    /// caller can never miss the oldest of them.
    /// </summary>
    protected async Task<IReadOnlyList<(long Seq, TEvent Event)>> ReadEventsSinceAsync<TEvent>(
        string grainType, string grainKey, long afterSeq, int maxCount) where TEvent : IJournalEvent
    {
        var stored = await Context.Storage.ReadGrainEventsAsync(
            Tenant, grainType, grainKey, TEvent.EventType, afterSeq, maxCount + 1, CancellationToken.None);
        if (stored.Count > maxCount)
        {
            throw new InvalidOperationException(
                $"More than {maxCount} {TEvent.EventType} events of {grainType}/{grainKey} after {afterSeq}: " +
                "the effect of those events must be stored more often.");
        }

        return [.. stored.Reverse().Select(e => (e.Seq, e.Deserialize<TEvent>(Context.Serializer)))];
    }

    protected async Task ReadStateAsync()
    {
        var stored = await Context.Storage.ReadStateAsync(StateKey, CancellationToken.None);
        await ApplyAsync(stored);
    }

    /// <summary>
    /// Stores the state and the pending events in one transaction. Completes only once durable.
    /// When it fails, the state is reloaded from storage (undoing this turn's changes) before the
    /// error is thrown; a stale <see cref="ETag"/> (<see cref="InconsistentStateException"/>) or any
    /// failure other than a claim conflict also drops the activation once the turn ends.
    /// </summary>
    protected Task WriteStateAsync() => CommitAsync(Context.Serializer.SerializeState(_state), null, keepsState: false);

    /// <summary>
    /// Stores the state and the pending events together with <paramref name="claims"/>, only if none
    /// of the claims exists yet in this tenant. When one does, nothing is stored, the pending events
    /// are dropped, the in-memory state is reloaded from storage (undoing this turn's changes) and
    /// <see cref="IdempotencyClaimConflictException"/> carries the stored claim; the activation stays.
    /// </summary>
    protected Task WriteStateAsync(IReadOnlyList<IdempotencyClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return CommitAsync(Context.Serializer.SerializeState(_state), claims, keepsState: false);
    }

    /// <summary>
    /// Commits the pending events and <paramref name="claims"/> without storing the state: the stored
    /// record is only checked to still be at <see cref="ETag"/>, and stays as it is. For a grain whose
    /// state is its last stored snapshot plus its own events raised since, which it applies again
    /// after every load (<see cref="OnStateLoadedAsync"/>). Needs a stored record. Fails like
    /// <see cref="WriteStateAsync(IReadOnlyList{IdempotencyClaim})"/>.
    /// </summary>
    protected Task AppendEventsAsync(IReadOnlyList<IdempotencyClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (!RecordExists)
        {
            throw new InvalidOperationException("Only a grain with a stored record can append events without storing its state.");
        }

        return CommitAsync(null, claims, keepsState: true);
    }

    /// <summary>
    /// Called whenever the state was (re)loaded from storage — on activation (before
    /// <see cref="Grain.OnActivateAsync"/>), by <see cref="ReadStateAsync"/>, and after a failed write
    /// undid a turn — always inside a turn that no other call interleaves with. An event-sourced grain
    /// applies here the events its stored snapshot lacks, so no other method (least of all a
    /// read-only one, which may run beside another) ever has to restore state lazily.
    /// </summary>
    protected virtual Task OnStateLoadedAsync() => Task.CompletedTask;

    /// <summary>
    /// Called after each successful write with its events as committed (with their sequence numbers).
    /// Keep what is needed, not the list: held from one write to the next, every event would outlive
    /// the young generation and pile up as old garbage (measured: ~200 MB over 10,000 residents).
    /// </summary>
    protected virtual void OnEventsCommitted(IReadOnlyList<CommittedEvent> committed)
    {
    }

    /// <summary>The sequence number of the newest event of one type this grain raised and committed, or 0.</summary>
    protected async Task<long> ReadLastRaisedSeqAsync<TEvent>() where TEvent : IJournalEvent
    {
        var newest = await Context.Storage.ReadGrainEventsAsync(
            Tenant, GrainId.Type, Key, TEvent.EventType, afterSeq: 0, maxCount: 1, CancellationToken.None);
        return newest.Count == 0 ? 0 : newest[0].Seq;
    }

    /// <summary>Removes the stored state (the version is kept, so a stale clear fails too).</summary>
    protected async Task ClearStateAsync()
    {
        await CommitAsync(null, null, keepsState: false);
        _state = new TState();
    }

    internal override async Task LoadStateAsync(CancellationToken cancellationToken)
    {
        var stored = await Context.Storage.ReadStateAsync(StateKey, cancellationToken);
        await ApplyAsync(stored);
    }

    private async Task CommitAsync(byte[]? payload, IReadOnlyList<IdempotencyClaim>? claims, bool keepsState)
    {
        var events = _pendingEvents.Count == 0 ? [] : _pendingEvents.ToArray();
        // A null byte[] converts implicitly to an empty, non-null ReadOnlyMemory: without the
        // typed null a clear would store an empty state instead of a tombstone.
        var stored = payload is null ? (ReadOnlyMemory<byte>?)null : payload;
        var write = new GrainStateWrite(StateKey, stored, ParseETag(ETag), events, claims, keepsState);
        try
        {
            var result = await Context.WriteStateAsync(write);
            _pendingEvents.Clear();
            ETag = result.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            RecordExists = keepsState || payload is not null;
            OnEventsCommitted(result.Events);
        }
        catch (IdempotencyClaimConflictException)
        {
            // The stored record did not change, but this turn already changed the in-memory state:
            // reload it so the next call does not act on a change that was never stored. The
            // activation stays: it is consistent again, and dropping it would only cost a read.
            _pendingEvents.Clear();
            await ReloadAfterFailedWriteAsync();
            throw;
        }
        catch (Exception error)
        {
            // Whatever failed (a stale version, a lost connection, a timeout), the in-memory state
            // holds changes that may never have been stored: reload it so calls that reach this
            // activation before it goes act on what is stored, and drop the activation so the next
            // one starts from storage. The write's own error is the one the caller must see.
            _pendingEvents.Clear();
            if (error is InconsistentStateException)
            {
                Context.MarkInconsistent();
            }
            else
            {
                Context.DeactivateOnIdle();
            }

            await ReloadAfterFailedWriteAsync();
            throw;
        }
    }

    /// <summary>
    /// For a grain whose turn failed part-way through a write of its own (a page it stores beside its
    /// record): undoes the turn's changes as a failed <see cref="WriteStateAsync()"/> does, by reloading
    /// the state, and drops the activation once the turn ends.
    /// </summary>
    protected Task DiscardUnstoredChangesAsync()
    {
        _pendingEvents.Clear();
        Context.DeactivateOnIdle();
        return ReloadAfterFailedWriteAsync();
    }

    private async Task ReloadAfterFailedWriteAsync()
    {
        try
        {
            await ReadStateAsync();
        }
#pragma warning disable CA1031 // The write's error is what the caller must see; an unreadable store drops the activation.
        catch (Exception)
        {
            Context.MarkInconsistent();
        }
#pragma warning restore CA1031
    }

    private Task ApplyAsync(StoredGrainState? stored)
    {
        if (stored is null)
        {
            _state = new TState();
            RecordExists = false;
            ETag = null;
        }
        else
        {
            ETag = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            RecordExists = stored.Payload is not null;
            _state = stored.Payload is { } bytes ? Context.Serializer.DeserializeState<TState>(bytes) : new TState();
        }

        return OnStateLoadedAsync();
    }

    private static long? ParseETag(string? etag)
        => etag is null ? null : long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture);
}
