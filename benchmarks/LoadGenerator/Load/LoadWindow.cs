using System.Diagnostics;
using LoCoPi.LoadGenerator.Probes;

namespace LoCoPi.LoadGenerator.Load;

/// <summary>
/// The phases a closed-loop run goes through — warm-up, the measured window, stopping — as its
/// workers read them, and the one place that moves them and samples the servers' cost around the
/// measured window.
/// </summary>
internal sealed class LoadWindow
{
    private const int Warming = 0;
    private const int Measuring = 1;
    private const int Stopping = 2;

    private int _phase = Warming;
    private long _start;

    public bool IsMeasuring => Volatile.Read(ref _phase) == Measuring;

    public bool IsStopping => Volatile.Read(ref _phase) == Stopping;

    /// <summary>The whole second of the window a <see cref="Stopwatch"/> timestamp falls in.</summary>
    public int SecondOf(long timestamp) => (int)((timestamp - _start) / Stopwatch.Frequency);

    /// <summary>Warms up, measures, then tells the workers to stop; returns the window's length and what the servers spent in it.</summary>
    public async Task<(TimeSpan Elapsed, WindowCost Cost)> RunAsync(
        LoadTarget target, TimeSpan warmup, TimeSpan measured, PostgresCounters? postgres, CancellationToken cancellationToken)
    {
        Console.Write($"  {target.Name}: warm-up {warmup.TotalSeconds:F0} s");
        await Task.Delay(warmup, cancellationToken);
        var costAtStart = await WindowCost.CaptureAsync(target.ServerPid, postgres, cancellationToken);
        var window = Stopwatch.StartNew();
        _start = Stopwatch.GetTimestamp();
        Volatile.Write(ref _phase, Measuring);
        Console.Write($", measuring {measured.TotalSeconds:F0} s");
        await Task.Delay(measured, cancellationToken);
        Volatile.Write(ref _phase, Stopping);
        window.Stop();
        var cost = (await WindowCost.CaptureAsync(target.ServerPid, postgres, cancellationToken)).Minus(costAtStart);
        return (window.Elapsed, cost);
    }
}
