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

    /// <summary>What <see cref="DurableThrough"/> answers for every tenant.</summary>
    public long Durable
    {
        get => Interlocked.Read(ref _durable);
        set => Interlocked.Exchange(ref _durable, value);
    }

    public IReadOnlyList<CommittedEvent> Events(string tenant) => _recorded.Events(tenant);

    public Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
        => _recorded.OnEventsAsync(batch, cancellationToken);

    public long DurableThrough(string tenant) => Durable;

    public Task FlushAsync(string tenant, CancellationToken cancellationToken)
    {
        Durable = Events(tenant).Max(e => e.Seq);
        return Task.CompletedTask;
    }
}
