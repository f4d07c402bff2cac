using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Watch;

/// <summary>
/// Pushes changes to a tenant's inactivity list to its <c>/hubs/staff</c> group. Like
/// <see cref="WatchAlertNotifier"/>, the journal path only enqueues; a lost push is not lost data,
/// as the page reads the list again on every (re)connect. The queue is bounded and drops its oldest
/// push when full (<see cref="LivePushBuffer{T}"/>).
/// </summary>
public sealed partial class StaffInactivityNotifier(IHubContext<StaffHub> hub, ILogger<StaffInactivityNotifier> logger)
    : BackgroundService, IStaffInactivityListener
{
    /// <summary>The pushes waiting for the send loop.</summary>
    public LivePushBuffer<(string Tenant, IReadOnlyList<InactivityChange> Changes)> Queue { get; } = new();

    public void OnInactivityChanged(string tenant, IReadOnlyList<InactivityChange> changes) => Queue.Enqueue((tenant, changes));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (tenant, changes) in Queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (Queue.TakeDroppedSinceReport() is > 0 and var dropped)
                {
                    LogPushesDropped(logger, dropped, Queue.Capacity);
                }

                var staff = hub.Clients.Group(StaffHub.TownGroup(tenant));
                foreach (var change in changes)
                {
                    try
                    {
                        await (change.Notice is { } notice
                            ? staff.SendAsync(StaffHub.InactiveMethod, notice, stoppingToken)
                            : staff.SendAsync(StaffHub.SeenMethod, new ResidentSeen(change.ResidentId, change.At, change.Seq), stoppingToken));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogPushFailed(logger, ex, tenant, change.ResidentId, change.Seq);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} staff inactivity pushes dropped: more than {Capacity} were waiting for slow connections (the list is read again on connect)")]
    private static partial void LogPushesDropped(ILogger logger, long count, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff inactivity push to {Tenant} for {ResidentId} (seq {Seq}) failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string tenant, string residentId, long seq);
}
