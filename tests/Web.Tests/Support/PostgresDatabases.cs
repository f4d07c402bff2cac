using Npgsql;

namespace LoCoPi.Web.Tests.Support;

/// <summary>Fresh PostgreSQL databases on the test cluster named by LOCOPI_TEST_POSTGRES.</summary>
public static class PostgresDatabases
{
    public const string EnvironmentVariable = "LOCOPI_TEST_POSTGRES";

    /// <summary>Creates an empty database and returns its connection string. Fails loudly without a cluster.</summary>
    public static async Task<string> CreateAsync(string prefix)
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                EnvironmentVariable + " is not set: start a cluster with scripts/postgres-test-cluster.sh start <dir> and export its output.");
        }

        var name = (prefix + "_" + Guid.NewGuid().ToString("N")[..12]).ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
