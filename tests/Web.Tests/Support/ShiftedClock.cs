namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// The real clock moved to another moment: time runs at real speed from <c>start</c>, and timers
/// and delays are the system's. For a whole node that must believe it is, say, 3 a.m. in Japan.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
