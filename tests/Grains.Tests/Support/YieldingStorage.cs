using LoCoPi.Runtime;

namespace LoCoPi.Grains.Tests.Support;

/// <summary>
/// In-memory storage that gives way on every read (a real asynchronous pause, as a database read
/// has), so calls allowed to interleave on one activation really do; it counts the writes it
/// stores, and can be told to fail the next one.
/// </summary>
public sealed class YieldingStorage : IGrainStorage
{
    private readonly MemoryGrainStorage _inner = new();
    private int _writes;
    private int _failNextWrites;

    public string Name => "yielding-memory";

    /// <summary>Writes stored so far (failed ones not counted).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>The next write fails (as a lost connection would) and stores nothing.</summary>
    public void FailNextWrite() => Interlocked.Exchange(ref _failNextWrites, 1);

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public async Task<StoredGrainState?> ReadStateAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await GiveWayAsync();
        return await _inner.ReadStateAsync(key, cancellationToken);
    }

    public async Task<GrainWriteResult> WriteStateAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        await GiveWayAsync();
        if (Interlocked.Exchange(ref _failNextWrites, 0) == 1)
        {
            throw new IOException("The test storage failed this write.");
        }

        var result = await _inner.WriteStateAsync(write, cancellationToken);
        Interlocked.Increment(ref _writes);
        return result;
    }

    public async Task<IdempotencyClaim?> ReadClaimAsync(string tenant, string scope, string key, CancellationToken cancellationToken)
    {
        await GiveWayAsync();
        return await _inner.ReadClaimAsync(tenant, scope, key, cancellationToken);
    }

    public Task<int> PruneClaimsAsync(string scope, DateTimeOffset requestedBefore, int maxCount, CancellationToken cancellationToken)
        => _inner.PruneClaimsAsync(scope, requestedBefore, maxCount, cancellationToken);

    public void SetCommitListener(IJournalCommitListener listener) => _inner.SetCommitListener(listener);

    public async Task<IReadOnlyList<CommittedEvent>> ReadJournalAsync(string tenant, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        await GiveWayAsync();
        return await _inner.ReadJournalAsync(tenant, afterSeq, maxCount, cancellationToken);
    }

    public async Task<IReadOnlyList<CommittedEvent>> ReadGrainEventsAsync(
        string tenant, string grainType, string grainKey, string eventType, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        await GiveWayAsync();
        return await _inner.ReadGrainEventsAsync(tenant, grainType, grainKey, eventType, afterSeq, maxCount, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken)
        => _inner.ReadJournalHeadsAsync(cancellationToken);

    public Task<long?> ReadCursorAsync(string subscriberName, string tenant, CancellationToken cancellationToken)
        => _inner.ReadCursorAsync(subscriberName, tenant, cancellationToken);

    public Task WriteCursorAsync(string subscriberName, string tenant, long seq, CancellationToken cancellationToken)
        => _inner.WriteCursorAsync(subscriberName, tenant, seq, cancellationToken);

    public Task UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken)
        => _inner.UpsertReminderAsync(reminder, cancellationToken);

    public Task DeleteReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
        => _inner.DeleteReminderAsync(grainId, name, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken)
        => _inner.ReadRemindersAsync(cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    // A timer-driven pause, not Task.Yield: the continuation comes back after other queued turns ran.
    private static Task GiveWayAsync() => Task.Delay(1);
}
