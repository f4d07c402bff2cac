namespace LoCoPi.Runtime.Storage.GroupCommit;

/// <summary>
/// Event times as both databases keep them: UTC, whole microseconds. Committed events handed to
/// listeners are truncated the same way, so a live delivery and a replay from the journal are equal.
/// </summary>
internal static class JournalTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utcTicks = time.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static long ToUnixMicroseconds(DateTimeOffset time)
        => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds)
        => new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);

    public static CommittedEvent Commit(string tenant, long seq, PendingEvent pending)
        => new(tenant, seq, pending.EventType, pending.GrainType, pending.GrainKey, pending.Payload, Truncate(pending.Time));
}
