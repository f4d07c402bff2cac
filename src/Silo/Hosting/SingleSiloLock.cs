using Microsoft.Extensions.Logging;
using Npgsql;

namespace LoCoPi.Silo.Hosting;

/// <summary>
/// Keeps a second Silo off a database this one serves. Until tenant leases with fencing tokens
/// exist (ARCHITECTURE.md), two Silos on one database would both activate the same grains: a
/// touch appended to a resident's snapshot does not bump its version, and each Silo numbers the
/// journal from its own heads, so the result would be lost or mixed-up writes, not an error.
/// This lock turns that operator mistake into a refusal to start.
/// PostgreSQL: a session advisory lock on a connection of its own, held for the Silo's life (the
/// server drops it when the process dies). SQLite: an exclusive lock on a file beside the database
/// (the kernel drops it when the process dies). A Silo that was just killed may still hold it for
/// a moment, so the lock is retried for <see cref="WaitKey"/> seconds (default 15) before giving up.
/// A PostgreSQL session can end under a running Silo (a server restart, an administrator's
/// <c>pg_terminate_backend</c>), and its lock with it: the session is checked every
/// <see cref="CheckKey"/> seconds (default 5); a lost lock is taken again, and if another Silo has
/// taken it meanwhile, this one stops rather than write beside it.
/// </summary>
internal sealed partial class SingleSiloLock(
    SingleSiloLock.Target target, SingleSiloLock.Timing timing, IHostApplicationLifetime lifetime, ILogger<SingleSiloLock> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>Configuration key: how many seconds to wait for a lock another Silo holds.</summary>
    public const string WaitKey = "Storage:LockWaitSeconds";

    /// <summary>Configuration key: how often, in seconds, the PostgreSQL lock's session is checked.</summary>
    public const string CheckKey = "Storage:LockCheckSeconds";

    // Any constant shared by every LoCoPi process, other than the migration lock's.
    private const long AdvisoryLockKey = 0x4C6F436F5069_01;

    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stopping = new();
    private readonly string _database = Describe(target);
    private NpgsqlConnection? _connection;
    private FileStream? _file;
    private Task? _watch;

    /// <summary>The database to lock: a PostgreSQL connection string or a SQLite file path.</summary>
    public sealed record Target(string? PostgresConnectionString, string? SqlitePath);

    /// <summary>How long to wait for another Silo's lock at start, and how often to check the session.</summary>
    public sealed record Timing(TimeSpan Wait, TimeSpan CheckEvery);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await AcquireAsync(cancellationToken);
        if (_connection is not null)
        {
            _watch = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        }
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

        await ReleaseAsync();
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var wait = timing.Wait;
        var giveUp = DateTime.UtcNow + wait;
        for (var attempt = 1; ; attempt++)
        {
            if (await TryAcquireAsync(cancellationToken))
            {
                return;
            }

            if (DateTime.UtcNow >= giveUp)
            {
                throw new InvalidOperationException(
                    $"Another Silo is serving {_database}. One Silo serves a database (tenant leases are not built yet): " +
                    "stop the other one, or give this one its own database.");
            }

            if (attempt == 1)
            {
                LogWaiting(logger, _database, wait.TotalSeconds);
            }

            await Task.Delay(RetryEvery, cancellationToken);
        }
    }

    /// <summary>Checks the lock's session; takes a lost lock again, or stops the Silo if another has it.</summary>
    private async Task WatchAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(timing.CheckEvery, stopping);
                if (await IsSessionAliveAsync(stopping))
                {
                    continue;
                }

                LogSessionEnded(logger, _database);
                await ReleaseAsync();
                if (await TryAcquireAsync(stopping))
                {
                    LogHeldAgain(logger, _database);
                    continue;
                }

                LogTakenOver(logger, _database);
                lifetime.StopApplication();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException error)
            {
                // The server is unreachable: nobody can take the lock until it is back; try again.
                LogCheckFailed(logger, error, _database);
            }
        }
    }

    private async Task<bool> IsSessionAliveAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { } connection)
        {
            return false;
        }

        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception error) when (error is NpgsqlException or IOException)
        {
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }

        if (_file is { } file)
        {
            _file = null;
            await file.DisposeAsync();
        }
    }

    private async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        if (target.PostgresConnectionString is { } connectionString)
        {
            // Not pooled: the lock belongs to the session, which must end with this object.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLockKey})", connection);
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                {
                    _connection = connection;
                    return true;
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            return false;
        }

        var path = Path.GetFullPath(target.SqlitePath!) + ".silo-lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Describe(Target target)
    {
        if (target.PostgresConnectionString is not { } connectionString)
        {
            return $"the SQLite database {target.SqlitePath}";
        }

        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"the PostgreSQL database '{parsed.Database}' on {parsed.Host}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another Silo holds the lock on {Database}; waiting up to {Seconds} s for it to go")]
    private static partial void LogWaiting(ILogger logger, string database, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session holding the lock on {Database} ended; taking the lock again")]
    private static partial void LogSessionEnded(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "The lock on {Database} is held again")]
    private static partial void LogHeldAgain(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Another Silo holds the lock on {Database} now; stopping this one")]
    private static partial void LogTakenOver(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the lock on {Database}")]
    private static partial void LogCheckFailed(ILogger logger, Exception error, string database);
}
