using System.Collections.Concurrent;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Grains.Watch;

/// <summary>
/// Write-behind for the family inboxes. The "watch-alerts" subscriber pushes a batch's alerts and
/// queues them here; a loop per tenant writes each family's queued alerts in one inbox write per
/// <see cref="WatchOptions.InboxWriteInterval"/>. So no push waits for a storage commit, and a
/// family alerted five times a second costs one inbox write, not five. Until written, the alerts
/// are still listed by their inbox (<see cref="Pending"/>), and the journal cursor stays before
/// them (<see cref="DurableThrough"/>): a crash repeats them, it never loses them.
/// </summary>
public sealed partial class WatchInboxWriter(IGrainFactory grainFactory, WatchOptions options, ILogger<WatchInboxWriter> logger)
    : IAsyncDisposable
{
    /// <summary>Alerts queued for a tenant before the subscriber waits for a round to finish (memory bound).</summary>
    public const int MaxQueued = 50_000;

    private readonly ConcurrentDictionary<string, TenantInboxQueue> _tenants = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Queues alerts (per account, in journal order); waits only when the tenant's queue is full.</summary>
    public async Task EnqueueAsync(string tenant, IReadOnlyDictionary<string, List<WatchAlert>> byAccount)
    {
        ArgumentNullException.ThrowIfNull(byAccount);
        var queue = _tenants.GetOrAdd(tenant, Start);
        var now = TimeProvider.System.GetTimestamp();
        foreach (var (account, alerts) in byAccount)
        {
            queue.Enqueue(account, alerts, now);
        }

        while (queue.QueuedCount > MaxQueued && !_stopping.IsCancellationRequested)
        {
            await queue.NextRoundAsync();
        }
    }

    /// <inheritdoc cref="TenantInboxQueue.DurableThrough"/>
    public long DurableThrough(string tenant) => _tenants.TryGetValue(tenant, out var queue) ? queue.DurableThrough() : long.MaxValue;

    /// <summary>The account's alerts not yet in its stored inbox, in journal order.</summary>
    public IReadOnlyList<WatchAlert> Pending(string tenant, string accountId)
        => _tenants.TryGetValue(tenant, out var queue) ? queue.Pending(accountId) : [];

    /// <summary>Writes everything queued for the tenant now; returns when none is left (or on cancellation).</summary>
    public async Task FlushAsync(string tenant, CancellationToken cancellationToken)
    {
        if (!_tenants.TryGetValue(tenant, out var queue))
        {
            return;
        }

        while (!queue.IsEmpty)
        {
            await queue.NextRoundAsync().WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_tenants.Values.Select(q => q.Loop));
        _stopping.Dispose();
    }

    private TenantInboxQueue Start(string tenant)
    {
        var queue = new TenantInboxQueue();
        queue.Loop = Task.Run(() => WriteRoundsAsync(tenant, queue, _stopping.Token), CancellationToken.None);
        return queue;
    }

    private async Task WriteRoundsAsync(string tenant, TenantInboxQueue queue, CancellationToken stopping)
    {
        // Pacing, not domain time: the system clock even where a test fakes the town's clock. A tenth
        // of the interval between rounds, so each account is written within 10 % of its due time.
        var clock = TimeProvider.System;
        var interval = options.InboxWriteInterval;
        var tick = TimeSpan.FromTicks(Math.Max(interval.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks));
        while (!stopping.IsCancellationRequested)
        {
            await Task.WhenAny(Task.Delay(tick, clock, stopping), queue.WakeTask);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            var round = queue.TakeRound(clock.GetTimestamp() - (long)(interval.TotalSeconds * clock.TimestampFrequency));
            var failed = await Task.WhenAll(round.Select(pair => WriteAsync(tenant, pair.Key, pair.Value)));
            queue.EndRound(failed.OfType<string>(), clock.GetTimestamp());
        }
    }

    /// <summary>One inbox write; returns the account when it failed (its alerts are tried again one interval later).</summary>
    private async Task<string?> WriteAsync(string tenant, string accountId, List<WatchAlert> alerts)
    {
        try
        {
            await grainFactory.GetGrain<IWatchInboxGrain>(tenant, accountId).AddAlertsAsync(alerts);
            return null;
        }
        catch (Exception error)
        {
            LogWriteFailed(logger, error, tenant, accountId, alerts[0].Seq, alerts[^1].Seq);
            return accountId;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox write of {Tenant}/{AccountId} (seq {First}..{Last}) failed; tried again one interval later")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, string tenant, string accountId, long first, long last);
}
