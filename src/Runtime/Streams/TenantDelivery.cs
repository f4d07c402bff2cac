using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime.Streams;

/// <summary>
/// Delivers one tenant's journal to one subscription, in sequence order, from the cursor on. The
/// cursor is stored only after the observer returned, so a crash repeats a batch rather than
/// losing it; a failing observer gets the same batch again after a back-off, never a later one.
/// </summary>
internal sealed class TenantDelivery(
    JournalSubscription subscription, TenantJournal journal, long startWithoutCursor, JournalStreamContext context)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CursorInterval = TimeSpan.FromSeconds(1);
    private readonly AsyncAutoResetSignal _signal = new();
    private Task _run = Task.CompletedTask;

    public void Signal() => _signal.Set();

    public void Start(CancellationToken stopping) => _run = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    public Task Completion => _run;

    private async Task RunAsync(CancellationToken stopping)
    {
        long cursor = -1, stored = -1;
        try
        {
            cursor = stored = await ReadStartAsync(stopping);
            var storedAt = context.TimeProvider.GetTimestamp();
            long deliveredAt = 0;
            while (!stopping.IsCancellationRequested)
            {
                if (cursor >= journal.Head)
                {
                    if (subscription.Options.Durable && stored != cursor)
                    {
                        // Under a steady stream the loop catches up after nearly every commit; storing
                        // the cursor each time was one more transaction and fsync per commit. It waits
                        // for the next events or the end of the interval, whichever comes first. A
                        // write-behind observer may hold the cursor back, so it is tried again then.
                        var untilDue = CursorInterval - context.TimeProvider.GetElapsedTime(storedAt);
                        if (untilDue <= TimeSpan.Zero)
                        {
                            (stored, storedAt) = (await StoreDurableCursorAsync(cursor, stored, stopping), context.TimeProvider.GetTimestamp());
                            untilDue = CursorInterval;
                        }

                        if (stored != cursor)
                        {
                            await _signal.WaitAsync(untilDue, context.TimeProvider, stopping);
                            continue;
                        }
                    }

                    await _signal.WaitAsync(stopping);
                    continue;
                }

                await PaceAsync(cursor, deliveredAt, stopping);
                var batch = await ReadBatchAsync(cursor, stopping);
                await DeliverAsync(batch, stopping);
                deliveredAt = context.TimeProvider.GetTimestamp();
                cursor = batch[^1].Seq;
                // Under a steady stream the cursor is stored about once a second, not after every
                // batch (an fsync each); once caught up it is stored at once. A crash in between
                // repeats at most that second of events, which at-least-once delivery allows.
                if (subscription.Options.Durable && context.TimeProvider.GetElapsedTime(storedAt) >= CursorInterval)
                {
                    (stored, storedAt) = (await StoreDurableCursorAsync(cursor, stored, stopping), context.TimeProvider.GetTimestamp());
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            StreamLog.DeliveryStopped(context.Logger, error, subscription.Name, journal.Tenant);
            return;
        }

        // A clean stop keeps what was delivered, so a restart does not repeat it; a write-behind
        // observer first finishes what it holds (if it cannot, the cursor stays where it is durable).
        if (subscription.Options.Durable && cursor > stored)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), context.TimeProvider);
            if (subscription.WriteBehind is { } writeBehind)
            {
                try
                {
                    await writeBehind.FlushAsync(journal.Tenant, timeout.Token);
                }
                catch (Exception error)
                {
                    StreamLog.FlushFailed(context.Logger, error, subscription.Name, cursor, journal.Tenant);
                }
            }

            await StoreDurableCursorAsync(cursor, stored, timeout.Token);
        }
    }

    /// <summary>
    /// Stores <paramref name="cursor"/>, or less where a write-behind observer has not yet made the
    /// events durable; skips the write when that is what is stored already. Returns what is stored.
    /// </summary>
    private async Task<long> StoreDurableCursorAsync(long cursor, long stored, CancellationToken stopping)
    {
        var durable = subscription.WriteBehind is { } writeBehind ? Math.Min(cursor, writeBehind.DurableThrough(journal.Tenant)) : cursor;
        return durable <= stored ? stored : await StoreCursorAsync(durable, stopping);
    }

    /// <summary>
    /// Holds the next delivery back until <see cref="JournalSubscriptionOptions.MinDeliveryInterval"/>
    /// has passed since the last one, so more events share a batch; not when a full batch is waiting.
    /// </summary>
    private async Task PaceAsync(long cursor, long deliveredAt, CancellationToken stopping)
    {
        var interval = subscription.Options.MinDeliveryInterval;
        if (interval <= TimeSpan.Zero || deliveredAt == 0 || journal.Head - cursor >= subscription.Options.MaxBatchSize)
        {
            return;
        }

        var wait = interval - context.TimeProvider.GetElapsedTime(deliveredAt);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, context.TimeProvider, stopping);
        }
    }

    private async Task<long> ReadStartAsync(CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return subscription.Options.Durable
                    && await context.Storage.ReadCursorAsync(subscription.Name, journal.Tenant, stopping) is { } stored
                    ? stored
                    : startWithoutCursor;
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                StreamLog.CursorReadFailed(context.Logger, error, subscription.Name, journal.Tenant);
                await BackOffAsync(attempt, stopping);
            }
        }
    }

    private async Task DeliverAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await subscription.DeliverAsync(batch, stopping);
                return;
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                StreamLog.ObserverFailed(context.Logger, error, subscription.Name, batch[0].Seq, batch[^1].Seq, journal.Tenant, attempt + 1);
                await BackOffAsync(attempt, stopping);
            }
        }
    }

    /// <summary>Returns the cursor now stored: <paramref name="cursor"/>, or -1 when the write failed (it is tried again later).</summary>
    private async Task<long> StoreCursorAsync(long cursor, CancellationToken stopping)
    {
        try
        {
            await context.Storage.WriteCursorAsync(subscription.Name, journal.Tenant, cursor, stopping);
            return cursor;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return -1;
        }
        catch (Exception error)
        {
            // Not fatal: a later batch stores a later cursor; until then a restart repeats events.
            StreamLog.CursorWriteFailed(context.Logger, error, cursor, subscription.Name, journal.Tenant);
            return -1;
        }
    }

    private async Task<IReadOnlyList<CommittedEvent>> ReadBatchAsync(long cursor, CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var batch = journal.TryRead(cursor, subscription.Options.MaxBatchSize)
                    ?? await context.Storage.ReadJournalAsync(journal.Tenant, cursor, subscription.Options.MaxBatchSize, stopping);
                if (batch.Count == 0 || batch[0].Seq != cursor + 1)
                {
                    throw new InvalidOperationException(
                        $"The journal of {journal.Tenant} has no event {cursor + 1} below its head {journal.Head}.");
                }

                return batch;
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                StreamLog.JournalReadFailed(context.Logger, error, subscription.Name, journal.Tenant, cursor);
                await BackOffAsync(attempt, stopping);
            }
        }
    }

    private Task BackOffAsync(int attempt, CancellationToken stopping)
    {
        var delay = TimeSpan.FromTicks(Math.Min(LastRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(attempt, 16)));
        return Task.Delay(delay, context.TimeProvider, stopping);
    }
}

/// <summary>What every delivery loop shares.</summary>
internal sealed record JournalStreamContext(IGrainStorage Storage, TimeProvider TimeProvider, ILogger Logger);
