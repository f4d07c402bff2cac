using System.Diagnostics;
using System.Globalization;
using LoCoPi.Runtime;

namespace LoCoPi.Benchmarks.Storage;

/// <summary>
/// Closed-loop durable-write driver: N writers each commit a state + one event, await it, and go
/// again, for a fixed time after a warm-up. Prints writes/s and latency percentiles.
/// <code>writes --provider sqlite|postgres|memory [--writers 256] [--seconds 10] [--warmup 2] [--no-group-commit] [--max-batch 2000] [--connection CS]</code>
/// </summary>
internal static class DurableWriteDriver
{
    private const int GrainsPerWriter = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Option(args, "--provider") ?? "sqlite";
        var writers = int.Parse(Option(args, "--writers") ?? "256", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var warmup = double.Parse(Option(args, "--warmup") ?? "2", CultureInfo.InvariantCulture);
        var maxBatch = int.Parse(Option(args, "--max-batch") ?? "2000", CultureInfo.InvariantCulture);
        var groupCommit = !args.Contains("--no-group-commit");

        var connection = Option(args, "--connection");
        await using var store = await BenchmarkStore.CreateAsync(provider, groupCommit, maxBatch, connection);
        var cpu = await CpuProbe.CreateAsync(
            provider == "postgres" ? connection ?? Environment.GetEnvironmentVariable("LOCOPI_TEST_POSTGRES") : null);
        var commits = new CommitCounter();
        store.Storage.SetCommitListener(commits);
        var workload = new WriteWorkload();
        var clock = Stopwatch.StartNew();
        var measureFrom = TimeSpan.FromSeconds(warmup);
        var stopAt = measureFrom + TimeSpan.FromSeconds(seconds);
        var latencies = new List<long>[writers];
        long commitsAtStart = 0;
        (double Client, double? Server) cpuAtStart = default;
        var startMark = Task.Run(async () =>
        {
            await Task.Delay(measureFrom);
            Interlocked.Exchange(ref commitsAtStart, commits.Count);
            cpuAtStart = cpu.Sample();
        });

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(capacity: 64 * 1024);
            var versions = new long?[GrainsPerWriter];
            for (long touch = 0; ; touch++)
            {
                var slot = (int)(touch % GrainsPerWriter);
                var write = workload.Next((w * GrainsPerWriter) + slot, touch, versions[slot]);
                var started = clock.Elapsed;
                if (started >= stopAt)
                {
                    return;
                }

                versions[slot] = (await store.Storage.WriteStateAsync(write, CancellationToken.None)).Version;
                if (started >= measureFrom)
                {
                    mine.Add((clock.Elapsed - started).Ticks);
                }
            }
        })));
        // Writes started before the deadline finish after it: the window ends with the last one.
        var window = (clock.Elapsed - measureFrom).TotalSeconds;
        await startMark;
        var cpuAtEnd = cpu.Sample();
        var measuredCommits = commits.Count - Interlocked.Read(ref commitsAtStart);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var perWrite = 1e6 / Math.Max(1, all.Length);
        var serverCpu = cpuAtEnd.Server - cpuAtStart.Server is { } server ? $"{server * perWrite:F0}us" : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"writes provider={provider} groupCommit={groupCommit} writers={writers} window={window:F1}s " +
            $"writes={all.Length} writes/s={all.Length / window:F0} commits={measuredCommits} writes/commit={(double)all.Length / Math.Max(1, measuredCommits):F1} " +
            $"p50={Ms(all, 0.50)}ms p99={Ms(all, 0.99)}ms p99.9={Ms(all, 0.999)}ms max={Ms(all, 1.0)}ms " +
            $"cpu/write: client={(cpuAtEnd.Client - cpuAtStart.Client) * perWrite:F0}us server={serverCpu}"));
        return 0;
    }

    private static string Ms(long[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return "n/a";
        }

        var index = Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1);
        return TimeSpan.FromTicks(sorted[Math.Max(0, index)]).TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture);
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Counts commits: every write carries one event, so each commit reports one group.</summary>
    private sealed class CommitCounter : IJournalCommitListener
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void OnCommitted(IReadOnlyList<CommittedEvent> events) => Interlocked.Increment(ref _count);
    }
}
