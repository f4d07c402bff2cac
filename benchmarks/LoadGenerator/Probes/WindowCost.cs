namespace LoCoPi.LoadGenerator.Probes;

/// <summary>What the servers spent during one measured window, taken from /proc and PostgreSQL's statistics.</summary>
/// <param name="ServerMegabytes">Resident memory of the server at the end of the window: growth across rounds shows state piling up.</param>
/// <param name="GeneratorCpuSeconds">This generator's own CPU: it shares the cores, so the ceilings of every target include it.</param>
internal sealed record WindowCost(double ServerCpuSeconds, PostgresSnapshot? Postgres, double ServerMegabytes = double.NaN, double GeneratorCpuSeconds = double.NaN)
{
    /// <summary>
    /// Snapshots the server process with its children (so the pid of a wrapper shell also works) and
    /// PostgreSQL (when a connection was given).
    /// </summary>
    public static async Task<WindowCost> CaptureAsync(int? serverPid, PostgresCounters? postgres, CancellationToken cancellationToken) => new(
        serverPid is { } pid ? ProcessCpu.Seconds(pid, withChildren: true) : double.NaN,
        postgres is null ? null : await postgres.ReadAsync(cancellationToken),
        serverPid is { } server ? ProcessCpu.ResidentMegabytes(server) : double.NaN,
        ProcessCpu.Seconds(Environment.ProcessId, withChildren: false));

    public WindowCost Plus(WindowCost other) => new(
        ServerCpuSeconds + other.ServerCpuSeconds,
        Postgres is { } a && other.Postgres is { } b
            ? new PostgresSnapshot(a.Transactions + b.Transactions, a.WalBytes + b.WalBytes, a.WalSyncs + b.WalSyncs, a.CpuSeconds + b.CpuSeconds)
            : null,
        other.ServerMegabytes,
        GeneratorCpuSeconds + other.GeneratorCpuSeconds);

    public WindowCost Minus(WindowCost start) => new(
        ServerCpuSeconds - start.ServerCpuSeconds,
        Postgres is { } end && start.Postgres is { } begin
            ? new PostgresSnapshot(end.Transactions - begin.Transactions, end.WalBytes - begin.WalBytes, end.WalSyncs - begin.WalSyncs, end.CpuSeconds - begin.CpuSeconds)
            : null,
        ServerMegabytes,
        GeneratorCpuSeconds - start.GeneratorCpuSeconds);
}
