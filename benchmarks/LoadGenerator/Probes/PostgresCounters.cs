using Npgsql;

namespace LoCoPi.LoadGenerator.Probes;

/// <summary>PostgreSQL's own counters, read before and after a window: transactions, WAL bytes and WAL fsyncs.</summary>
internal sealed record PostgresSnapshot(long Transactions, decimal WalBytes, long WalSyncs, double CpuSeconds);

internal sealed class PostgresCounters(NpgsqlDataSource dataSource, int? postmasterPid)
{
    public static async Task<PostgresCounters> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT pg_backend_pid()");
        var backend = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        // Our backend's parent is the postmaster, whose children are every backend and the WAL
        // writer; summing them gives the database's CPU when it runs on this machine.
        var postmaster = ProcessCpu.ParentOf(backend);
        return new PostgresCounters(dataSource, postmaster);
    }

    public async Task<PostgresSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database)::bigint,
                   pg_current_wal_lsn() - '0/0'::pg_lsn,
                   (SELECT wal_sync FROM pg_stat_wal)
            """);
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        var cpu = postmasterPid is { } pid ? ProcessCpu.Seconds(pid, withChildren: true) : double.NaN;
        return new PostgresSnapshot(row.GetInt64(0), row.GetDecimal(1), row.GetInt64(2), cpu);
    }
}
