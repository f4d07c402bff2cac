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
/// </summary>
internal sealed class SingleSiloLock(SingleSiloLock.Target target, TimeSpan wait, ILogger<SingleSiloLock> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>Configuration key: how many seconds to wait for a lock another Silo holds.</summary>
    public const string WaitKey = "Storage:LockWaitSeconds";

    // Any constant shared by every LoCoPi process, other than the migration lock's.
    private const long AdvisoryLockKey = 0x4C6F436F5069_01;

    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(250);

    private NpgsqlConnection? _connection;
    private FileStream? _file;

    /// <summary>The database to lock: a PostgreSQL connection string or a SQLite file path.</summary>
    public sealed record Target(string? PostgresConnectionString, string? SqlitePath);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
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
                    $"Another Silo is serving {Describe()}. One Silo serves a database (tenant leases are not built yet): " +
                    "stop the other one, or give this one its own database.");
            }

            if (attempt == 1)
            {
                logger.LogWarning("Another Silo holds the lock on {Database}; waiting up to {Seconds} s for it to go", Describe(), wait.TotalSeconds);
            }

            await Task.Delay(RetryEvery, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
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

    private string Describe()
    {
        if (target.PostgresConnectionString is not { } connectionString)
        {
            return $"the SQLite database {target.SqlitePath}";
        }

        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"the PostgreSQL database '{parsed.Database}' on {parsed.Host}";
    }
}
