namespace LoCoPi.Runtime;

/// <summary>
/// A timer whose ticks are turns in the activation's mailbox. It is re-armed only when a tick ends,
/// so a slow callback can never overlap itself and the period counts from the end of the last tick.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    /// <summary>
    /// The longest wait a system timer accepts (2^32 − 2 ms, about 49.7 days). A longer period would
    /// be accepted here and then throw when the first tick re-arms the timer, outside any grain call;
    /// so it is refused at registration. Waits that long are what reminders are for.
    /// </summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _timer;
    private int _disposed;

    internal GrainTimer(
        Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, TimeProvider time)
    {
        _activation = activation;
        _callback = callback;
        _period = period;
        _timer = time.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // Armed after the field is set: a zero due time may fire before CreateTimer returns.
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Refuses a due time or period the system timer cannot take (infinite is allowed: never / once).</summary>
    internal static void Validate(TimeSpan wait, string paramName)
    {
        if (wait != Timeout.InfiniteTimeSpan && (wait < TimeSpan.Zero || wait > LongestWait))
        {
            throw new ArgumentOutOfRangeException(
                paramName, wait, $"A grain timer waits at most {LongestWait.TotalDays:0.#} days; use a reminder for longer.");
        }
    }

    internal Task RunTickAsync() => IsDisposed ? Task.CompletedTask : _callback(_stopping.Token);

    internal void OnTickEnded(Task tick)
    {
        if (!tick.IsCompletedSuccessfully && !IsDisposed)
        {
            _activation.LogTimerFailure(tick.Exception);
        }

        if (!IsDisposed && _period != Timeout.InfiniteTimeSpan)
        {
            try
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and the change: nothing left to arm.
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _timer.Dispose();
        _stopping.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnDue()
    {
        if (!IsDisposed)
        {
            _activation.EnqueueInternal(new TimerTurn(_activation.GrainId, this));
        }
    }
}

/// <summary>One timer tick, run as a turn; not an activity, so timers alone never keep a grain alive.</summary>
internal sealed class TimerTurn(GrainId grainId, GrainTimer timer) : Turn(parent: null, deadline: long.MaxValue)
{
    internal override GrainId GrainId => grainId;

    internal override string Description => "timer";

    internal override bool IsReadOnly => false;

    internal override bool CountsAsActivity => false;

    internal override bool IsInternal => true;

    internal override Task StartBody(Activation activation) => timer.RunTickAsync();

    protected override void OnCompleted(Task body) => timer.OnTickEnded(body);

    protected override void OnFailed(Exception error) => timer.OnTickEnded(Task.FromException(error));
}
