using Npgsql;

namespace LoCoPi.Silo.Hosting;

/// <summary>An exclusive hold on one database that ends with the process holding it.</summary>
internal interface IDatabaseLock : IAsyncDisposable
{
    /// <summary>The database, as an operator would name it in a message.</summary>
    string Database { get; }

    /// <summary>Takes the hold if nobody has it; false if another process does.</summary>
    Task<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>False when the hold ended under this process (only a server session can).</summary>
    Task<bool> IsHeldAsync(CancellationToken cancellationToken);

    /// <summary>Lets go of the hold; it may be taken again.</summary>
    ValueTask ReleaseAsync();
}

/// <summary>
/// A session advisory lock on a connection of its own. The server drops it when the process dies,
/// and also when the session ends under a running process (a server restart, <c>pg_terminate_backend</c>).
/// </summary>
internal sealed class PostgresDatabaseLock(string connectionString) : IDatabaseLock
{
    // Any constant shared by every LoCoPi process, other than the migration lock's.
    private const long AdvisoryLockKey = 0x4C6F436F5069_01;

    // Not pooled: the lock belongs to the session, which must end with the hold.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    private NpgsqlConnection? _connection;

    public string Database { get; } = Describe(new NpgsqlConnectionStringBuilder(connectionString));

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
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

    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
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

    public ValueTask DisposeAsync() => ReleaseAsync();

    public async ValueTask ReleaseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder parsed) => $"the PostgreSQL database '{parsed.Database}' on {parsed.Host}";
}

/// <summary>An exclusive lock on the file <c>&lt;database&gt;.silo-lock</c> beside a SQLite database; the kernel drops it when the process dies.</summary>
internal sealed class SqliteFileLock(string databasePath) : IDatabaseLock
{
    private readonly string _path = Path.GetFullPath(databasePath) + ".silo-lock";
    private FileStream? _file;

    public string Database { get; } = "the SQLite database " + databasePath;

    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        try
        {
            _file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult(true);
        }
        catch (IOException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<bool> IsHeldAsync(CancellationToken cancellationToken) => Task.FromResult(_file is not null);

    public ValueTask DisposeAsync() => ReleaseAsync();

    public async ValueTask ReleaseAsync()
    {
        if (_file is { } file)
        {
            _file = null;
            await file.DisposeAsync();
        }
    }
}
