using LoCoPi.Runtime;

namespace LoCoPi.Storage.Tests.Streams;

/// <summary>
/// A write-behind observer whose durable mark the test sets by hand: it keeps every event it is
/// handed and reports <see cref="Durable"/>; a flush (a clean stop) makes everything delivered durable.
/// </summary>
public sealed class WriteBehindObserver : IWriteBehindJournalObserver
{
    private readonly RecordingObserver _recorded = new();
    private long _durable;
    private int _durableFailuresLeft;
    private int _durableAsked;

    /// <summary>What <see cref="DurableThrough"/> answers for every tenant.</summary>
    public long Durable
    {
        get => Interlocked.Read(ref _durable);
        set => Interlocked.Exchange(ref _durable, value);
    }

    /// <summary>How many of the next <see cref="DurableThrough"/> calls throw (an observer's own bug or outage).</summary>
    public int DurableFailures
    {
        get => Volatile.Read(ref _durableFailuresLeft);
        set => Volatile.Write(ref _durableFailuresLeft, value);
    }

    /// <summary>How many times <see cref="DurableThrough"/> was asked, failures included.</summary>
    public int DurableAsked => Volatile.Read(ref _durableAsked);

    public IReadOnlyList<CommittedEvent> Events(string tenant) => _recorded.Events(tenant);

    public Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
        => _recorded.OnEventsAsync(batch, cancellationToken);

    public long DurableThrough(string tenant)
    {
        Interlocked.Increment(ref _durableAsked);
        if (Interlocked.Decrement(ref _durableFailuresLeft) >= 0)
        {
            throw new InvalidOperationException("durable mark failure injected by the test");
        }

        Interlocked.Increment(ref _durableFailuresLeft);
        return Durable;
    }

    public Task FlushAsync(string tenant, CancellationToken cancellationToken)
    {
        Durable = Events(tenant).Max(e => e.Seq);
        return Task.CompletedTask;
    }
}
