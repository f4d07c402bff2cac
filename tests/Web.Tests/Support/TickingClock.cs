namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// A clock the test moves by hand whose timers also fire when the clock is moved past their due
/// time, so a durable reminder due in two days fires when the test advances two days. Timers run
/// on real time as well, so everything else in the runtime keeps working; a callback may then run
/// for both reasons, which the callers tolerate (they re-check what is due).
/// </summary>
public sealed class TickingClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _ticks, by.Ticks);
        FakeTimer[] due;
        lock (_gate)
        {
            var now = GetUtcNow();
            due = [.. _timers.Where(t => t.DueAt is { } at && at <= now)];
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer : ITimer
    {
        private readonly TickingClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly Timer _real;

        public FakeTimer(TickingClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _real = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        }

        public DateTimeOffset? DueAt { get; private set; }

        public TimeSpan Period { get; private set; } = Timeout.InfiniteTimeSpan;

        public void Fire()
        {
            DueAt = Period > TimeSpan.Zero && Period != Timeout.InfiniteTimeSpan ? _clock.GetUtcNow() + Period : null;
            _callback(_state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
            return _real.Change(dueTime, period);
        }

        public void Dispose()
        {
            _clock.Remove(this);
            _real.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
