namespace LoCoPi.LoadGenerator.Probes;

/// <summary>What the servers spent during one measured window, taken from /proc and PostgreSQL's statistics.</summary>
internal sealed record WindowCost(double ServerCpuSeconds, PostgresSnapshot? Postgres)
{
    /// <summary>Snapshots the server process (when its pid is known) and PostgreSQL (when a connection was given).</summary>
    public static async Task<WindowCost> CaptureAsync(int? serverPid, PostgresCounters? postgres, CancellationToken cancellationToken) => new(
        serverPid is { } pid ? ProcessCpu.Seconds(pid, withChildren: false) : double.NaN,
        postgres is null ? null : await postgres.ReadAsync(cancellationToken));

    public WindowCost Minus(WindowCost start) => new(
        ServerCpuSeconds - start.ServerCpuSeconds,
        Postgres is { } end && start.Postgres is { } begin
            ? new PostgresSnapshot(end.Transactions - begin.Transactions, end.WalBytes - begin.WalBytes, end.WalSyncs - begin.WalSyncs, end.CpuSeconds - begin.CpuSeconds)
            : null);
}
