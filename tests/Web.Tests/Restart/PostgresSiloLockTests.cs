using LoCoPi.Web.Tests.Support;
using Npgsql;
using Xunit;

namespace LoCoPi.Web.Tests.Restart;

/// <summary>
/// A Silo's lock on its PostgreSQL database lives in a session of its own, and a session can end
/// under a running Silo (a server restart, <c>pg_terminate_backend</c>). The Silo then takes the
/// lock again, or stops when another session has taken it meanwhile.
/// </summary>
public sealed class PostgresSiloLockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-lock-").FullName;

    [Fact]
    public async Task A_Silo_whose_lock_session_ends_takes_the_lock_again_and_stops_when_another_took_it()
    {
        var database = await PostgresDatabases.CreateAsync("locopi_lock");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken,
        };
        await using var silo = await SiloProcess.StartAsync(
            SiloProcess.FreePort(), _directory, ["--storage", "postgres", "--Storage:LockCheckSeconds=0.2"], environment);
        await using var admin = new NpgsqlConnection(database);
        await admin.OpenAsync();
        var (first, key) = await HolderAsync(admin) ?? throw new InvalidOperationException("The Silo holds no advisory lock.");

        await ExecuteAsync(admin, $"SELECT pg_terminate_backend({first})");
        var again = await EventuallyAsync(async () => await HolderAsync(admin) is { } h && h.Pid != first ? h.Pid : (int?)null);
        var stillServing = !silo.HasExited;

        // Another session queues for the lock before the Silo's session ends, so it is granted first.
        await using var other = new NpgsqlConnection(database);
        await other.OpenAsync();
        var taking = ExecuteAsync(other, $"SELECT pg_advisory_lock({key})");
        await EventuallyAsync(async () => await ScalarAsync(admin,
            $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = {other.ProcessID}") is 1L ? true : (bool?)null);
        await ExecuteAsync(admin, $"SELECT pg_terminate_backend({again})");
        await taking;
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stillServing);
        Assert.True(silo.HasExited);
        Assert.Contains("Another Silo holds the lock", silo.RecentOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The backend holding a granted advisory lock in this database, and the lock's key.</summary>
    private static async Task<(int Pid, long Key)?> HolderAsync(NpgsqlConnection admin)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pid, (classid::bigint << 32) | objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetInt64(1)) : null;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : struct
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < giveUp, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
