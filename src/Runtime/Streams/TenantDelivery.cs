using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime.Streams;

/// <summary>
/// Delivers one tenant's journal to one subscription, in sequence order, from the cursor on. The
/// cursor is stored only after the observer returned, so a crash repeats a batch rather than
/// losing it; a failing observer gets the same batch again after a back-off, never a later one.
/// The loop never gives up while the subscription lives: whatever fails, it backs off, logs and
/// retries, and <see cref="Progress"/> tells the readiness probe how long it has been stuck.
/// </summary>
internal sealed class TenantDelivery(
    JournalSubscription subscription, TenantJournal journal, long startWithoutCursor, JournalStreamContext context)
{
    private static readonly TimeSpan CursorInterval = TimeSpan.FromSeconds(1);
    private readonly AsyncAutoResetSignal _signal = new();
    private Task _run = Task.CompletedTask;

    // Where the loop is, kept in fields so that a loop restarted after a failure resumes after the
    // last batch it delivered: -1 until the start cursor has been read.
    private long _cursor = -1;
    private long _stored = -1;
    private long _storedAt;
    private long _deliveredAt;

    public DeliveryProgress Progress { get; } = new(context.TimeProvider);

    public string Tenant => journal.Tenant;

    public void Signal() => _signal.Set();

    public void Start(CancellationToken stopping) => _run = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    public Task Completion => _run;

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await DeliverUntilStoppedAsync(stopping);
            }
            catch (Exception error)
            {
                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                // A failure none of the retries below expected (an observer's DurableThrough
                // throwing, a bug) once ended this loop for good: the consumer fell silent until
                // the process restarted while the node still answered ready.
                var failures = Progress.Failed(error);
                StreamLog.DeliveryRestarting(context.Logger, error, subscription.Name, journal.Tenant, _cursor, failures);
                try
                {
                    await BackOffAsync(failures, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await FinishAtStopAsync();
    }

    private async Task DeliverUntilStoppedAsync(CancellationToken stopping)
    {
        if (_cursor < 0)
        {
            Progress.Started();
            _cursor = _stored = await ReadStartAsync(stopping);
            _storedAt = context.TimeProvider.GetTimestamp();
        }

        while (!stopping.IsCancellationRequested)
        {
            if (_cursor >= journal.Head)
            {
                if (subscription.Options.Durable && _stored != _cursor)
                {
                    // Under a steady stream the loop catches up after nearly every commit; storing
                    // the cursor each time was one more transaction and fsync per commit. It waits
                    // for the next events or the end of the interval, whichever comes first. A
                    // write-behind observer may hold the cursor back, so it is tried again then.
                    var untilDue = CursorInterval - context.TimeProvider.GetElapsedTime(_storedAt);
                    if (untilDue <= TimeSpan.Zero)
                    {
                        (_stored, _storedAt) = (await StoreDurableCursorAsync(_cursor, _stored, stopping), context.TimeProvider.GetTimestamp());
                        untilDue = CursorInterval;
                    }

                    if (_stored != _cursor)
                    {
                        Recovered();
                        await _signal.WaitAsync(untilDue, context.TimeProvider, stopping);
                        continue;
                    }
                }

                Recovered();
                await _signal.WaitAsync(stopping);
                continue;
            }

            await PaceAsync(stopping);
            Progress.Started();
            var batch = await ReadBatchAsync(stopping);
            await DeliverAsync(batch, stopping);
            _deliveredAt = context.TimeProvider.GetTimestamp();
            _cursor = batch[^1].Seq;
            Recovered();
            // Under a steady stream the cursor is stored about once a second, not after every
            // batch (an fsync each); once caught up it is stored at once. A crash in between
            // repeats at most that second of events, which at-least-once delivery allows.
            if (subscription.Options.Durable && context.TimeProvider.GetElapsedTime(_storedAt) >= CursorInterval)
            {
                (_stored, _storedAt) = (await StoreDurableCursorAsync(_cursor, _stored, stopping), context.TimeProvider.GetTimestamp());
            }
        }
    }

    /// <summary>A batch was delivered, or nothing is left and nothing failed on the way: whatever was stuck is not.</summary>
    private void Recovered()
    {
        var (failures, after) = Progress.Finished();
        if (failures > 0)
        {
            StreamLog.DeliveryRecovered(context.Logger, subscription.Name, journal.Tenant, failures, after.TotalSeconds);
        }
    }

    /// <summary>
    /// A clean stop keeps what was delivered, so a restart does not repeat it; a write-behind
    /// observer first finishes what it holds (if it cannot, the cursor stays where it is durable).
    /// </summary>
    private async Task FinishAtStopAsync()
    {
        if (!subscription.Options.Durable || _cursor <= _stored)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), context.TimeProvider);
        try
        {
            if (subscription.WriteBehind is { } writeBehind)
            {
                try
                {
                    await writeBehind.FlushAsync(journal.Tenant, timeout.Token);
                }
                catch (Exception error)
                {
                    StreamLog.FlushFailed(context.Logger, error, subscription.Name, _cursor, journal.Tenant);
                }
            }

            await StoreDurableCursorAsync(_cursor, _stored, timeout.Token);
        }
        catch (Exception error)
        {
            // The stop goes on; a restart repeats what the stored cursor does not cover.
            StreamLog.CursorWriteFailed(context.Logger, error, _cursor, subscription.Name, journal.Tenant);
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
    private async Task PaceAsync(CancellationToken stopping)
    {
        var interval = subscription.Options.MinDeliveryInterval;
        if (interval <= TimeSpan.Zero || _deliveredAt == 0 || journal.Head - _cursor >= subscription.Options.MaxBatchSize)
        {
            return;
        }

        var wait = interval - context.TimeProvider.GetElapsedTime(_deliveredAt);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, context.TimeProvider, stopping);
        }
    }

    private async Task<long> ReadStartAsync(CancellationToken stopping)
    {
        while (true)
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
                var failures = Progress.Failed(error);
                StreamLog.CursorReadFailed(context.Logger, error, subscription.Name, journal.Tenant, failures);
                await BackOffAsync(failures, stopping);
            }
        }
    }

    private async Task DeliverAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await subscription.DeliverAsync(batch, stopping);
                return;
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                var failures = Progress.Failed(error);
                StreamLog.ObserverFailed(context.Logger, error, subscription.Name, batch[0].Seq, batch[^1].Seq, journal.Tenant, failures);
                await BackOffAsync(failures, stopping);
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

    private async Task<IReadOnlyList<CommittedEvent>> ReadBatchAsync(CancellationToken stopping)
    {
        var cursor = _cursor;
        while (true)
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
                var failures = Progress.Failed(error);
                StreamLog.JournalReadFailed(context.Logger, error, subscription.Name, journal.Tenant, cursor, failures);
                await BackOffAsync(failures, stopping);
            }
        }
    }

    /// <summary>Waits before retry after <paramref name="failures"/> failed attempts in a row (doubling, capped).</summary>
    private Task BackOffAsync(int failures, CancellationToken stopping)
        => Task.Delay(context.Options.RetryDelay(Math.Max(0, failures - 1)), context.TimeProvider, stopping);
}

/// <summary>What every delivery loop shares.</summary>
internal sealed record JournalStreamContext(IGrainStorage Storage, TimeProvider TimeProvider, ILogger Logger, JournalStreamOptions Options);
