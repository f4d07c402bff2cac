using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Readers;

/// <summary>
/// Deletes touch-id claims whose touch time (<c>at</c>) is older than the retention (default 35
/// days), hourly. A touch sent with <c>at</c> can only be retried while that <c>at</c> is accepted —
/// at most <see cref="TouchProcessor.MaxUploadAge"/> (7 days) old — so after that its claim guards
/// nothing, and without pruning the claims table grows by one row per touch for good. The claim is
/// pruned by the touch's own time, not by when it was stored, so no clock but the one that checks
/// <c>at</c> decides. A touch sent without <c>at</c> has no time bound: a retry a year later would be
/// applied again once its claim went, so its claim carries no time and is kept (as are claims
/// stored before claims carried one). Money claims (payments, charges, refunds, grants) are never
/// pruned: a payment id has no age the API could check, so its claim is kept to rule out a double charge.
/// </summary>
public sealed partial class TouchClaimPruner(
    IGrainStorage storage, TimeProvider time, IConfiguration configuration, ILogger<TouchClaimPruner> logger) : BackgroundService
{
    public const string RetentionKey = "Storage:TouchClaimRetention";
    public const string IntervalKey = "Storage:TouchClaimPruneInterval";

    /// <summary>The default retention: the 7-day upload window with four weeks to spare.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(35);

    // Deleted per statement, so one pass never holds a long transaction or a large lock.
    private const int Chunk = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = configuration.GetValue(RetentionKey, DefaultRetention);
        if (retention < TouchProcessor.MaxUploadAge + TouchProcessor.ClockSkew)
        {
            // A shorter retention would let an accepted retry apply twice.
            throw new InvalidOperationException(
                $"{RetentionKey} must be at least {TouchProcessor.MaxUploadAge + TouchProcessor.ClockSkew}, the longest a touch can be retried.");
        }

        var interval = configuration.GetValue(IntervalKey, TimeSpan.FromHours(1));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(time.GetUtcNow() - retention, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogPruneFailed(logger, error);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PruneAsync(DateTimeOffset touchedBefore, CancellationToken cancellationToken)
    {
        var pruned = 0;
        int deleted;
        do
        {
            deleted = await storage.PruneClaimsAsync(TouchReply.ClaimScope, touchedBefore, Chunk, cancellationToken);
            pruned += deleted;
        }
        while (deleted == Chunk && !cancellationToken.IsCancellationRequested);

        if (pruned > 0)
        {
            LogPruned(logger, pruned, touchedBefore);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} claims of touches made before {TouchedBefore:o}")]
    private static partial void LogPruned(ILogger logger, int count, DateTimeOffset touchedBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning touch claims failed; the next pass tries again")]
    private static partial void LogPruneFailed(ILogger logger, Exception error);
}
