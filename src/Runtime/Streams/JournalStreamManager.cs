using System.Collections.Concurrent;
using LoCoPi.Runtime.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime;

/// <summary>
/// Journal-backed streams: hears every committed group from the storage provider and delivers
/// each tenant's events to every subscriber in sequence order, in batches, from an in-memory tail
/// (or from the journal when a subscriber is behind or has just restarted). Nothing is pushed that
/// was not committed, and nothing committed is skipped. Register it as a hosted service, or call
/// <see cref="StartAsync"/> before subscribing. A delivery that fails is retried (the same batch,
/// after a back-off) for as long as it takes, and reported by <see cref="GetStuckDeliveries"/>.
/// </summary>
public sealed class JournalStreamManager
    : IJournalStreams, IJournalDeliveryHealth, IJournalCommitListener, IHostedService, IAsyncDisposable
{
    // Enough for subscribers that keep up (they take it in a few batches) without holding much
    // memory per tenant; anyone further behind reads the journal.
    private const int TailCapacity = 2048;
    private readonly ConcurrentDictionary<string, TenantJournal> _tenants = new(StringComparer.Ordinal);
    private readonly List<JournalSubscription> _subscriptions = [];
    private readonly JournalStreamContext _context;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private volatile bool _started;
    private bool _disposed;

    public JournalStreamManager(
        IGrainStorage storage, TimeProvider timeProvider, ILogger<JournalStreamManager> logger, JournalStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _context = new JournalStreamContext(storage, timeProvider, logger, options ?? new JournalStreamOptions());
        storage.SetCommitListener(this);
    }

    /// <summary>Guards the subscription list and tenant creation, so no tenant misses a subscriber.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Initializes the storage (idempotent) and loads every tenant's head from the journal.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                return;
            }

            // Idempotent: the manager may start before whoever else initializes the storage.
            await _context.Storage.InitializeAsync(cancellationToken);
            foreach (var (tenant, head) in await _context.Storage.ReadJournalHeadsAsync(cancellationToken))
            {
                GetOrAddTenant(tenant, head).AdvanceHead(head);
            }

            _started = true;
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>Stops every delivery; cursors stay where the last completed batch left them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        JournalSubscription[] subscriptions;
        lock (Gate)
        {
            subscriptions = [.. _subscriptions];
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }

    public async Task<IAsyncDisposable> SubscribeAsync(
        string subscriberName, IJournalObserver observer, JournalSubscriptionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriberName);
        ArgumentNullException.ThrowIfNull(observer);
        ObjectDisposedException.ThrowIf(_disposed, this);
        options ??= new JournalSubscriptionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        await StartAsync(cancellationToken);

        var subscription = new JournalSubscription(subscriberName, observer, options, this);
        lock (Gate)
        {
            _subscriptions.Add(subscription);
            foreach (var journal in _tenants.Values)
            {
                if (subscription.Wants(journal.Tenant))
                {
                    subscription.Attach(journal, options.StartAtEnd ? journal.Head : 0, _context);
                }
            }
        }

        return subscription;
    }

    public IReadOnlyList<StuckDelivery> GetStuckDeliveries()
    {
        lock (Gate)
        {
            return [.. _subscriptions.SelectMany(s => s.Stuck(_context.Options.StuckAfter))];
        }
    }

    public long GetHead(string tenant) => _tenants.TryGetValue(tenant, out var journal) ? journal.Head : 0;

    /// <summary>Called by the storage's writer loop after each commit: must stay quick and never throw.</summary>
    public void OnCommitted(IReadOnlyList<CommittedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var byTenant = new Dictionary<string, List<CommittedEvent>>(StringComparer.Ordinal);
        foreach (var committed in events)
        {
            if (!byTenant.TryGetValue(committed.Tenant, out var list))
            {
                byTenant[committed.Tenant] = list = [];
            }

            list.Add(committed);
        }

        foreach (var (tenant, list) in byTenant)
        {
            // A tenant first seen now started its journal with this group: a subscriber that
            // starts at the end still receives it.
            GetOrAddTenant(tenant, list[0].Seq - 1).Append(list);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(CancellationToken.None);
        _startLock.Dispose();
    }

    internal void Remove(JournalSubscription subscription) => _subscriptions.Remove(subscription);

    private TenantJournal GetOrAddTenant(string tenant, long startAtEnd)
    {
        if (_tenants.TryGetValue(tenant, out var journal))
        {
            return journal;
        }

        lock (Gate)
        {
            if (_tenants.TryGetValue(tenant, out journal))
            {
                return journal;
            }

            journal = new TenantJournal(tenant, TailCapacity);
            foreach (var subscription in _subscriptions)
            {
                if (subscription.Wants(tenant))
                {
                    subscription.Attach(journal, subscription.Options.StartAtEnd ? startAtEnd : 0, _context);
                }
            }

            _tenants[tenant] = journal;
            return journal;
        }
    }
}
