using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Silo.Hosting;

/// <summary>
/// Keeps a second Silo off a database this one serves. Until tenant leases with fencing tokens
/// exist (ARCHITECTURE.md), two Silos on one database would both activate the same grains: a
/// touch appended to a resident's snapshot does not bump its version, and each Silo numbers the
/// journal from its own heads, so the result would be lost or mixed-up writes, not an error.
/// This lock turns that operator mistake into a refusal to start (<see cref="IDatabaseLock"/>:
/// PostgreSQL or SQLite). A Silo that was just killed may still hold it for a moment, so it is
/// retried for <see cref="WaitKey"/> seconds (default 15) before giving up. A hold can end under a
/// running Silo (a PostgreSQL session), so it is checked every <see cref="CheckKey"/> seconds
/// (default 5): a lost hold is taken again, and if another Silo has taken it meanwhile, this one
/// stops rather than write beside it.
/// </summary>
internal sealed partial class SingleSiloLock(
    IDatabaseLock database, SingleSiloLock.Timing timing, IHostApplicationLifetime lifetime, ILogger<SingleSiloLock> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>Configuration key: how many seconds to wait for a lock another Silo holds.</summary>
    public const string WaitKey = "Storage:LockWaitSeconds";

    /// <summary>Configuration key: how often, in seconds, the hold is checked.</summary>
    public const string CheckKey = "Storage:LockCheckSeconds";

    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _watch;

    /// <summary>How long to wait for another Silo's lock at start, and how often to check the hold.</summary>
    public sealed record Timing(TimeSpan Wait, TimeSpan CheckEvery);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var giveUp = DateTime.UtcNow + timing.Wait;
        for (var attempt = 1; !await database.TryAcquireAsync(cancellationToken); attempt++)
        {
            if (DateTime.UtcNow >= giveUp)
            {
                throw new InvalidOperationException(
                    $"Another Silo is serving {database.Database}. One Silo serves a database (tenant leases are not built yet): " +
                    "stop the other one, or give this one its own database.");
            }

            if (attempt == 1)
            {
                LogWaiting(logger, database.Database, timing.Wait.TotalSeconds);
            }

            await Task.Delay(RetryEvery, cancellationToken);
        }

        _watch = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        if (_watch is { } watch)
        {
            _watch = null;
            await watch;
        }

        await database.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>Checks the hold; takes a lost one again, or stops the Silo if another has it.</summary>
    private async Task WatchAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(timing.CheckEvery, stopping);
                if (await database.IsHeldAsync(stopping))
                {
                    continue;
                }

                LogHoldEnded(logger, database.Database);
                await database.ReleaseAsync();
                if (await database.TryAcquireAsync(stopping))
                {
                    LogHeldAgain(logger, database.Database);
                    continue;
                }

                LogTakenOver(logger, database.Database);
                lifetime.StopApplication();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (DbException error)
            {
                // The server is unreachable: nobody can take the lock until it is back; try again.
                LogCheckFailed(logger, error, database.Database);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another Silo holds the lock on {Database}; waiting up to {Seconds} s for it to go")]
    private static partial void LogWaiting(ILogger logger, string database, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hold on {Database} ended; taking the lock again")]
    private static partial void LogHoldEnded(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "The lock on {Database} is held again")]
    private static partial void LogHeldAgain(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Another Silo holds the lock on {Database} now; stopping this one")]
    private static partial void LogTakenOver(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the lock on {Database}")]
    private static partial void LogCheckFailed(ILogger logger, Exception error, string database);
}
