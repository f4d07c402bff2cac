using System.Diagnostics;
using System.Globalization;
using LoCoPi.Runtime;

namespace LoCoPi.Benchmarks.Calls;

/// <summary>
/// Closed-loop throughput: one caller per grain, each with exactly one call outstanding, for a fixed
/// time. Prints calls/s and latency percentiles (from the runtime's own statistics, per second).
/// <c>calls [--grains 10000] [--seconds 10] [--yielding]</c>; --yielding makes every call await once
/// inside the grain, so it goes through the mailbox rather than the idle fast path.
/// </summary>
public static class CallThroughputDriver
{
    // Latency as the caller sees it, including the wait for a thread (the runtime's own figure starts at enqueue).
    private static readonly LatencyHistogram Observed = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var grains = Option(args, "--grains", 10_000);
        var seconds = Option(args, "--seconds", 10);
        var yielding = args.Contains("--yielding");
        await using var runtime = await BenchRuntime.StartAsync();
        var references = Enumerable.Range(0, grains)
            .Select(i => runtime.GetGrain<IBenchGrain>("t1", i.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        await Task.WhenAll(references.Select(r => r.AddAsync(0)));
        Console.WriteLine($"{grains:N0} grains active, {(yielding ? "awaiting" : "synchronous")} method, {seconds} s, {Environment.ProcessorCount} cores");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var counts = new long[grains];
        var started = Stopwatch.GetTimestamp();
        var reporter = ReportAsync(runtime, stop.Token);
        await Task.WhenAll(references.Select((r, i) => Task.Run(() => CallLoopAsync(r, yielding, counts, i, stop.Token))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await reporter;

        var total = counts.Sum();
        var stats = runtime.GetStatistics();
        Console.WriteLine(
            $"TOTAL {total:N0} calls in {elapsed.TotalSeconds:F1} s = {total / elapsed.TotalSeconds:N0} calls/s; "
            + $"last-second caller p50 {Micros(Observed.Percentiles().P50)} p99 {Micros(Observed.Percentiles().P99)}; errors {stats.TotalErrors}");
        return 0;
    }

    private static async Task CallLoopAsync(IBenchGrain grain, bool yielding, long[] counts, int slot, CancellationToken stop)
    {
        long n = 0;
        while (!stop.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            await (yielding ? grain.AddAfterYieldAsync(1) : grain.AddAsync(1));
            Observed.Record(Stopwatch.GetElapsedTime(sent).TotalMicroseconds);
            // A synchronously completing call never yields; give the other callers their turn.
            if (++n % 32 == 0)
            {
                await Task.Yield();
            }
        }

        counts[slot] = n;
    }

    private static async Task ReportAsync(GrainRuntime runtime, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var stats = runtime.GetStatistics();
                Observed.Rotate();
                var seen = Observed.Percentiles();
                Console.WriteLine(
                    $"{stats.CallsPerSecond,12:N0} calls/s  runtime p50 {Micros(stats.CallLatency.P50)} p99 {Micros(stats.CallLatency.P99)}  "
                    + $"caller p50 {Micros(seen.P50)} p99 {Micros(seen.P99)}  queue max {stats.MaxQueueLength}");
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static string Micros(TimeSpan t) => $"{t.TotalMicroseconds:N2} µs";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
