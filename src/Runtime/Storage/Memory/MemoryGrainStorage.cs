namespace LoCoPi.Runtime;

/// <summary>
/// Grain storage held in process memory, with the full semantics of the durable providers (version
/// checks, tombstones, a gap-free journal per tenant, commit listener in commit order, cursors,
/// reminders). NOT durable: everything is lost with the process. For tests and in-memory benchmarks;
/// one instance may outlive a runtime to simulate a restart.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainStateKey, StoredGrainState> _states = [];
    private readonly Dictionary<string, List<CommittedEvent>> _journals = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Subscriber, string Tenant), long> _cursors = [];
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _reminders = [];
    private readonly Dictionary<(string Tenant, string Scope, string Key), IdempotencyClaim> _claims = [];
    private IJournalCommitListener? _listener;

    public string Name => "memory";

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredGrainState?> ReadStateAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.GetValueOrDefault(key));
        }
    }

    public Task<GrainWriteResult> WriteStateAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.Validate();
        lock (_lock)
        {
            foreach (var claim in write.Claims ?? [])
            {
                if (_claims.TryGetValue((write.Key.Tenant, claim.Scope, claim.Key), out var existing))
                {
                    return Task.FromException<GrainWriteResult>(new IdempotencyClaimConflictException(existing));
                }
            }

            var stored = _states.GetValueOrDefault(write.Key);
            if (stored?.Version != write.ExpectedVersion)
            {
                return Task.FromException<GrainWriteResult>(new InconsistentStateException(
                    $"State {write.Key} is at version {stored?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, "
                    + $"the writer expected {write.ExpectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}."));
            }

            var version = write.KeepsState ? stored!.Version : (stored?.Version ?? 0) + 1;
            if (!write.KeepsState)
            {
                // Copied: the caller may reuse its buffer after the write completes.
                ReadOnlyMemory<byte>? copy = write.Payload is { } payload ? new ReadOnlyMemory<byte>(payload.ToArray()) : default(ReadOnlyMemory<byte>?);
                _states[write.Key] = new StoredGrainState(copy, version);
            }

            foreach (var claim in write.Claims ?? [])
            {
                _claims[(write.Key.Tenant, claim.Scope, claim.Key)] = claim;
            }

            var committed = Append(write.Key.Tenant, write.Events);
            if (committed.Count > 0)
            {
                // Inside the lock: listeners see groups in commit order, before the writer is answered.
                _listener?.OnCommitted(committed);
            }

            return Task.FromResult(new GrainWriteResult(version, committed));
        }
    }

    public Task<IdempotencyClaim?> ReadClaimAsync(string tenant, string scope, string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_claims.TryGetValue((tenant, scope, key), out var stored) ? stored : null);
        }
    }

    public void SetCommitListener(IJournalCommitListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_lock)
        {
            _listener = listener;
        }
    }

    public Task<IReadOnlyList<CommittedEvent>> ReadJournalAsync(
        string tenant, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            if (!_journals.TryGetValue(tenant, out var journal) || afterSeq >= journal.Count)
            {
                return Task.FromResult<IReadOnlyList<CommittedEvent>>([]);
            }

            var start = (int)afterSeq;
            return Task.FromResult<IReadOnlyList<CommittedEvent>>(
                journal.GetRange(start, Math.Min(maxCount, journal.Count - start)).ToArray());
        }
    }

    public Task<int> PruneClaimsAsync(string scope, DateTimeOffset requestedBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            var due = _claims.Where(c => c.Key.Scope == scope && c.Value.RequestTime < requestedBefore)
                .OrderBy(c => c.Value.RequestTime).Take(maxCount).Select(c => c.Key).ToList();
            foreach (var key in due)
            {
                _claims.Remove(key);
            }

            return Task.FromResult(due.Count);
        }
    }

    public Task<IReadOnlyList<CommittedEvent>> ReadGrainEventsAsync(
        string tenant, string grainType, string grainKey, string eventType, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            IReadOnlyList<CommittedEvent> events = _journals.TryGetValue(tenant, out var journal)
                ? [.. journal.AsEnumerable().Reverse()
                    .TakeWhile(e => e.Seq > afterSeq)
                    .Where(e => e.GrainType == grainType && e.GrainKey == grainKey && e.EventType == eventType)
                    .Take(maxCount)]
                : [];
            return Task.FromResult(events);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(
                _journals.ToDictionary(j => j.Key, j => (long)j.Value.Count, StringComparer.Ordinal));
        }
    }

    public Task<long?> ReadCursorAsync(string subscriberName, string tenant, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_cursors.TryGetValue((subscriberName, tenant), out var seq) ? seq : (long?)null);
        }
    }

    public Task WriteCursorAsync(string subscriberName, string tenant, long seq, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _cursors[(subscriberName, tenant)] = seq;
        }

        return Task.CompletedTask;
    }

    public Task UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        lock (_lock)
        {
            _reminders[(reminder.GrainId, reminder.Name)] = reminder;
        }

        return Task.CompletedTask;
    }

    public Task DeleteReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _reminders.Remove((grainId, name));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _reminders.Values]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private List<CommittedEvent> Append(string tenant, IReadOnlyList<PendingEvent> events)
    {
        var committed = new List<CommittedEvent>(events.Count);
        if (events.Count == 0)
        {
            return committed;
        }

        if (!_journals.TryGetValue(tenant, out var journal))
        {
            _journals[tenant] = journal = [];
        }

        foreach (var pending in events)
        {
            var entry = new CommittedEvent(
                tenant, journal.Count + 1, pending.EventType, pending.GrainType, pending.GrainKey,
                pending.Payload.ToArray(), pending.Time);
            journal.Add(entry);
            committed.Add(entry);
        }

        return committed;
    }
}
