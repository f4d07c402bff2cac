namespace LoCoPi.Runtime;

/// <summary>A counter with one padded cell per processor: increments never fight over a cache line.</summary>
internal sealed class StripedCounter
{
    // 8 longs = 64 bytes: one cache line per cell.
    private const int Padding = 8;
    private static readonly int Stripes = Math.Max(1, Environment.ProcessorCount);
    private readonly long[] _cells = new long[Stripes * Padding];

    internal void Increment() => Interlocked.Increment(ref _cells[Thread.GetCurrentProcessorId() % Stripes * Padding]);

    internal long Read()
    {
        long total = 0;
        for (var i = 0; i < _cells.Length; i += Padding)
        {
            total += Volatile.Read(ref _cells[i]);
        }

        return total;
    }
}
