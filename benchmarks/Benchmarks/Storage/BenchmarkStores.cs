using LoCoPi.Runtime;
using Npgsql;

namespace LoCoPi.Benchmarks.Storage;

/// <summary>A storage on a throw-away database (a temporary SQLite file or a new PostgreSQL database).</summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private BenchmarkStore(IGrainStorage storage, Func<Task> drop)
    {
        Storage = storage;
        _drop = drop;
    }

    public IGrainStorage Storage { get; }

    public static async Task<BenchmarkStore> CreateAsync(string provider, bool groupCommit, int maxBatchSize, string? connection)
    {
        BenchmarkStore store;
        switch (provider)
        {
            case "sqlite":
                var directory = Directory.CreateTempSubdirectory("locopi-bench-").FullName;
                store = new BenchmarkStore(
                    new SqliteGrainStorage(new SqliteGrainStorageOptions
                    {
                        DataSource = Path.Combine(directory, "locopi.db"), GroupCommit = groupCommit, MaxBatchSize = maxBatchSize,
                    }),
                    () =>
                    {
                        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                        Directory.Delete(directory, recursive: true);
                        return Task.CompletedTask;
                    });
                break;
            case "postgres":
                var server = connection ?? Environment.GetEnvironmentVariable("LOCOPI_TEST_POSTGRES")
                    ?? throw new InvalidOperationException("postgres needs --connection or LOCOPI_TEST_POSTGRES");
                var name = "locopi_bench_" + Guid.NewGuid().ToString("N")[..12];
                await ExecuteAsync(server, $"CREATE DATABASE {name}");
                var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
                store = new BenchmarkStore(
                    new PostgresGrainStorage(new PostgresGrainStorageOptions
                    {
                        ConnectionString = database, GroupCommit = groupCommit, MaxBatchSize = maxBatchSize,
                    }),
                    async () =>
                    {
                        NpgsqlConnection.ClearAllPools();
                        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    });
                break;
            case "memory":
                // Not durable: the driver's own cost per write, to subtract from the real providers'.
                store = new BenchmarkStore(new MemoryGrainStorage(), () => Task.CompletedTask);
                break;
            default:
                throw new ArgumentException($"unknown provider '{provider}' (sqlite, postgres or memory)", nameof(provider));
        }

        await store.Storage.InitializeAsync(CancellationToken.None);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        await Storage.DisposeAsync();
        await _drop();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
