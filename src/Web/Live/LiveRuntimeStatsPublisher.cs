using LoCoPi.Runtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Live;

/// <summary>
/// Pushes the runtime's statistics to <c>/hubs/live</c> clients that joined the runtime group,
/// once per <see cref="Interval"/> (the runtime swaps its counters each second, so faster pushes
/// would repeat the same window).
/// </summary>
public sealed partial class LiveRuntimeStatsPublisher(
    GrainRuntime runtime, IHubContext<LiveHub> hub, TimeProvider timeProvider, ILogger<LiveRuntimeStatsPublisher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.Group(LiveMessages.RuntimeGroup)
                        .SendAsync(LiveMessages.RuntimeStats, RuntimeStatsView.From(runtime.GetStatistics()), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed push must not end the stream; the next second brings fresh figures.
                    LogPushFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live push of runtime statistics failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
