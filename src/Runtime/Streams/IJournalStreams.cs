namespace LoCoPi.Runtime;

/// <summary>
/// Consumes committed journal events. Batches hold events of one tenant in sequence order.
/// Delivery is at least once: after a restart a consumer may see the last batch again and must
/// de-duplicate by <see cref="CommittedEvent.Seq"/>.
/// </summary>
public interface IJournalObserver
{
    Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken);
}

/// <summary>Subscriptions to the committed journal of every tenant.</summary>
public interface IJournalStreams
{
    /// <summary>
    /// Subscribes <paramref name="observer"/> under a durable name. Delivery resumes after the
    /// cursor stored for that name in each tenant, or from the start of the journal the first time
    /// (or from the current end, when <see cref="JournalSubscriptionOptions.StartAtEnd"/>).
    /// The cursor advances only after the observer returns.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(
        string subscriberName, IJournalObserver observer, JournalSubscriptionOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>The last committed sequence number of a tenant (0 when it has none).</summary>
    long GetHead(string tenant);
}

public sealed record JournalSubscriptionOptions
{
    /// <summary>Largest batch handed to the observer at once (hot consumers get batches, not one call per event).</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Without a stored cursor, skip the history and start with events committed from now on.</summary>
    public bool StartAtEnd { get; init; }

    /// <summary>Whether the cursor is stored (a volatile subscriber such as a live page need not).</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Only this tenant; null for every tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>
    /// Least time between two deliveries to the observer while fewer than <see cref="MaxBatchSize"/>
    /// events wait (zero: deliver after every commit). A projection that writes per batch sets it so
    /// that it writes once per interval rather than once per commit; it only delays, never skips.
    /// </summary>
    public TimeSpan MinDeliveryInterval { get; init; }
}
