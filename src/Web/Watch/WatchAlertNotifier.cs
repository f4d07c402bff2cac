using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Watch;

/// <summary>
/// Pushes alerts from the committed journal to the account's <c>/hubs/watch</c> group. The journal
/// delivery path only enqueues; a loop does the network I/O, so a slow browser never holds up the
/// journal. A lost push is not lost data: the page resumes from the inbox with its last seq. The
/// queue is bounded and drops its oldest push when full (<see cref="LivePushBuffer{T}"/>).
/// </summary>
public sealed partial class WatchAlertNotifier(IHubContext<WatchHub> hub, ILogger<WatchAlertNotifier> logger)
    : BackgroundService, IWatchAlertListener
{
    /// <summary>The pushes waiting for the send loop.</summary>
    public LivePushBuffer<(string Tenant, string AccountId, IReadOnlyList<WatchAlert> Alerts)> Queue { get; } = new();

    public void OnAlerts(string tenant, string accountId, IReadOnlyList<WatchAlert> alerts)
        => Queue.Enqueue((tenant, accountId, alerts));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await Queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Everything queued, one send loop per account at once: a slow connection holds up
                // only its own account's alerts, and each account's alerts keep journal order.
                var byAccount = new Dictionary<(string Tenant, string AccountId), List<WatchAlert>>();
                while (Queue.Reader.TryRead(out var item))
                {
                    if (!byAccount.TryGetValue((item.Tenant, item.AccountId), out var list))
                    {
                        byAccount[(item.Tenant, item.AccountId)] = list = [];
                    }

                    list.AddRange(item.Alerts);
                }

                await Task.WhenAll(byAccount.Select(pair => SendAsync(pair.Key.Tenant, pair.Key.AccountId, pair.Value, stoppingToken)));
                if (Queue.TakeDroppedSinceReport() is > 0 and var dropped)
                {
                    LogPushesDropped(logger, dropped, Queue.Capacity);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    private async Task SendAsync(string tenant, string accountId, List<WatchAlert> alerts, CancellationToken stoppingToken)
    {
        var clients = hub.Clients.Group(FamilyIdentity.AccountGroup(tenant, accountId));
        foreach (var alert in alerts)
        {
            try
            {
                await clients.SendAsync(WatchHub.AlertMethod, alert, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPushFailed(logger, ex, tenant, accountId, alert.Seq);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} watch alert pushes dropped: more than {Capacity} were waiting for slow connections (the alerts are in the inboxes)")]
    private static partial void LogPushesDropped(ILogger logger, long count, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch alert push to {Tenant}/{AccountId} (seq {Seq}) failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string tenant, string accountId, long seq);
}
