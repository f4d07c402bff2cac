namespace LoCoPi.Runtime.Streams;

/// <summary>
/// One subscriber under its durable name. Its per-tenant deliveries run in parallel, but the
/// observer is called one batch at a time, so observers need no locking of their own.
/// </summary>
internal sealed class JournalSubscription(
    string name, IJournalObserver observer, JournalSubscriptionOptions options, JournalStreamManager manager)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(TenantJournal Journal, TenantDelivery Delivery)> _deliveries = [];
    private bool _disposed;

    public string Name { get; } = name;

    public JournalSubscriptionOptions Options { get; } = options;

    /// <summary>The observer, when it finishes batches after returning; the cursor then waits for it.</summary>
    public IWriteBehindJournalObserver? WriteBehind { get; } = observer as IWriteBehindJournalObserver;

    public bool Wants(string tenant) => Options.Tenant is null || Options.Tenant == tenant;

    /// <summary>Starts delivering <paramref name="journal"/>; called under the manager's lock.</summary>
    public void Attach(TenantJournal journal, long startWithoutCursor, JournalStreamContext context)
    {
        if (_disposed)
        {
            return;
        }

        var delivery = new TenantDelivery(this, journal, startWithoutCursor, context);
        _deliveries.Add((journal, delivery));
        journal.AddDelivery(delivery);
        delivery.Start(_stopping.Token);
    }

    /// <summary>Its deliveries stuck for longer than <paramref name="limit"/>; called under the manager's lock.</summary>
    public IEnumerable<StuckDelivery> Stuck(TimeSpan limit)
        => _deliveries.Select(d => d.Delivery.Progress.StuckLongerThan(limit, Name, d.Journal.Tenant)).OfType<StuckDelivery>();

    public async Task DeliverAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken stopping)
    {
        await _turn.WaitAsync(stopping);
        try
        {
            await observer.OnEventsAsync(batch, stopping);
        }
        finally
        {
            _turn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        (TenantJournal Journal, TenantDelivery Delivery)[] deliveries;
        lock (manager.Gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            manager.Remove(this);
            deliveries = [.. _deliveries];
        }

        await _stopping.CancelAsync();
        foreach (var (journal, delivery) in deliveries)
        {
            journal.RemoveDelivery(delivery);
            await delivery.Completion;
        }

        _stopping.Dispose();
        _turn.Dispose();
    }
}
