using LoCoPi.Runtime;
using Npgsql;
using Xunit;

namespace LoCoPi.Storage.Tests.Support;

/// <summary>
/// Fresh PostgreSQL databases on the cluster named by LOCOPI_TEST_POSTGRES, dropped when the test
/// class ends. A missing variable fails the tests: they are never silently skipped.
/// </summary>
public sealed class PostgresProvider : IStorageProvider, IAsyncLifetime
{
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly List<string> _databases = [];

    public PostgresProvider()
    {
        var connectionString = Environment.GetEnvironmentVariable("LOCOPI_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "LOCOPI_TEST_POSTGRES is not set. Start a cluster: " +
                "export LOCOPI_TEST_POSTGRES=$(scripts/postgres-test-cluster.sh start $(mktemp -d /tmp/locopi-pg.XXXXXX))");
        }

        _server = new NpgsqlConnectionStringBuilder(connectionString);
    }

    public string SharedDatabase { get; private set; } = "";

    public async Task InitializeAsync() => SharedDatabase = await CreateDatabaseAsync();

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "locopi_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(_server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public async Task SetSchemaVersionAsync(string database, int version)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE schema_version SET version = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public IGrainStorage Create(string database, bool groupCommit = true, int maxBatchSize = 1000)
        => new PostgresGrainStorage(new PostgresGrainStorageOptions
        {
            ConnectionString = database, GroupCommit = groupCommit, MaxBatchSize = maxBatchSize,
        });

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
