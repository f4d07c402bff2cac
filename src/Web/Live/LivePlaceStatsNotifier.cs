using System.Threading.Channels;
using LoCoPi.Grains.Interfaces.PlaceStats;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Live;

/// <summary>
/// Batching notifier between the place counters and <c>/hubs/live</c> (GPSTracker's pattern):
/// snapshots land in a map keyed by place, keeping only the newest, and a loop flushes the dirty
/// places at most once per <see cref="FlushInterval"/>. A burst of touches at one place becomes
/// one push carrying the highest seq, so a busy station cannot flood the browsers. Bounded by
/// construction, with no queue to bound: at most one pending snapshot per place, and a stalled hub
/// only makes the next flush carry newer counters.
/// </summary>
public sealed partial class LivePlaceStatsNotifier(
    IHubContext<LiveHub> hub, TimeProvider timeProvider, ILogger<LivePlaceStatsNotifier> logger)
    : BackgroundService, IPlaceStatsListener
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private Dictionary<(string Tenant, string PlaceId), PlaceStatsSnapshot> _dirty = [];

    // Capacity one, extra wake-ups dropped: the flush takes whatever is dirty at that moment.
    private readonly Channel<bool> _wakeUp = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void OnPlaceStatsChanged(string tenant, PlaceStatsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            var key = (tenant, snapshot.PlaceId);
            if (!_dirty.TryGetValue(key, out var pending) || pending.Seq <= snapshot.Seq)
            {
                _dirty[key] = snapshot;
            }
        }

        _wakeUp.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _wakeUp.Reader.WaitToReadAsync(stoppingToken))
            {
                _wakeUp.Reader.TryRead(out _);
                await FlushAsync(stoppingToken);
                await Task.Delay(FlushInterval, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(string Tenant, string PlaceId), PlaceStatsSnapshot> flushing;
        lock (_gate)
        {
            if (_dirty.Count == 0)
            {
                return;
            }

            flushing = _dirty;
            _dirty = [];
        }

        foreach (var ((tenant, placeId), snapshot) in flushing)
        {
            var view = PlaceStatsView.From(tenant, snapshot);
            try
            {
                await hub.Clients
                    .Groups(LiveMessages.TenantGroup(tenant), LiveMessages.PlaceGroup(tenant, placeId))
                    .SendAsync(LiveMessages.PlaceStats, view, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed push must not stop later ones; the next change pushes newer counters anyway.
                LogPushFailed(logger, ex, tenant, placeId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live push of place {Tenant}/{PlaceId} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string tenant, string placeId);
}
