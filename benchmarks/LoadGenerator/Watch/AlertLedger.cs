using System.Globalization;

namespace LoCoPi.LoadGenerator.Watch;

/// <summary>
/// Per touch (by index): when its 200 arrived, when its alert first arrived and how many times.
/// Touch ids are "{run}-{index}", so an alert finds its touch without a dictionary. Written by the
/// touch tasks and the receive loops at once, hence the interlocked slots.
/// </summary>
internal sealed class AlertLedger(string run, int touches, Func<int, int> familyOfTouch)
{
    private readonly string _prefix = run + "-";

    public long[] Acked { get; } = new long[touches];

    public long[] FirstAlert { get; } = new long[touches];

    public int[] AlertCount { get; } = new int[touches];

    /// <summary>Alerts whose touch id is not one of this run's, or that reached another family.</summary>
    public long Foreign;

    public long WrongFamily;

    public long Received;

    public string TouchId(int index) => _prefix + index.ToString(CultureInfo.InvariantCulture);

    public void Record(int family, string? touchId, long arrived)
    {
        Interlocked.Increment(ref Received);
        if (touchId is null || !touchId.StartsWith(_prefix, StringComparison.Ordinal)
            || !int.TryParse(touchId.AsSpan(_prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= AlertCount.Length)
        {
            Interlocked.Increment(ref Foreign);
            return;
        }

        if (familyOfTouch(index) != family)
        {
            Interlocked.Increment(ref WrongFamily);
            return;
        }

        if (Interlocked.Increment(ref AlertCount[index]) == 1)
        {
            Volatile.Write(ref FirstAlert[index], arrived);
        }
    }
}
