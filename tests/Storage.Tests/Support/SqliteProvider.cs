using LoCoPi.Runtime;

namespace LoCoPi.Storage.Tests.Support;

/// <summary>SQLite databases in a temporary directory owned by one test class.</summary>
public sealed class SqliteProvider : IStorageProvider, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-sqlite-").FullName;
    private int _next;

    public SqliteProvider() => SharedDatabase = NewPath();

    public string SharedDatabase { get; }

    public Task<string> CreateDatabaseAsync() => Task.FromResult(NewPath());

    public Task SetSchemaVersionAsync(string database, int version)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE schema_version SET version = $v";
        command.Parameters.AddWithValue("$v", version);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task ExecuteAsync(string database, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public IGrainStorage Create(string database, bool groupCommit = true, int maxBatchSize = 1000)
        => new SqliteGrainStorage(new SqliteGrainStorageOptions
        {
            DataSource = database, GroupCommit = groupCommit, MaxBatchSize = maxBatchSize,
        });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    // A subdirectory that does not exist yet also proves the provider creates it.
    private string NewPath()
        => Path.Combine(_directory, $"db{Interlocked.Increment(ref _next)}", "locopi.db");
}
