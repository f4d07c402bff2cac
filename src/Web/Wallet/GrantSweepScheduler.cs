using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Wallet;

/// <summary>
/// At start-up, makes sure every tenant with a grant not yet swept has its hourly expiry sweep
/// scheduled. Issuing a grant schedules it, but grants issued by a build from before the sweeper
/// existed had none, and would otherwise expire in the ledger only after the tenant's next grant.
/// Runs beside start-up, not before readiness: the sweep is hourly, a minute's delay changes nothing.
/// </summary>
public sealed partial class GrantSweepScheduler(IGrainFactory grains, ILogger<GrantSweepScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var scheduled = 0;
            var tenants = await grains.GetGrain<IOperatorGrain>(IOperatorGrain.SystemTenant, IOperatorGrain.Key).GetTenantsAsync();
            foreach (var tenantId in tenants)
            {
                stoppingToken.ThrowIfCancellationRequested();
                var open = await grains.GetGrain<IGrantBookGrain>(tenantId, tenantId).DueAsync(DateOnly.MaxValue);
                if (open.Count > 0)
                {
                    await grains.GetGrain<IGrantExpirySweeperGrain>(tenantId, tenantId).EnsureScheduledAsync();
                    scheduled++;
                }
            }

            LogScheduled(logger, scheduled);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            // The next grant of a tenant schedules its sweep as well; an admin can sweep at any time.
            LogFailed(logger, error);
        }
    }

    [LoggerMessage(LogLevel.Information, "Grant expiry sweeps checked: {Count} tenants with open grants have theirs scheduled.")]
    private static partial void LogScheduled(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "Could not check the grant expiry sweeps at start-up.")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
