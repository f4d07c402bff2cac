namespace LoCoPi.Runtime.Tests.Grains;

/// <summary>What the test grains observed, shared with the test that drives them.</summary>
public sealed class Probe
{
    private int _inside;
    private int _maxInside;
    private int _timerInside;
    private int _maxTimerInside;
    private int _readOnlyArrivals;

    private int _activations;
    private int _deactivations;
    private int _timerTicks;
    private int _remindersReceived;

    public int Activations => Volatile.Read(ref _activations);

    public int Deactivations => Volatile.Read(ref _deactivations);

    public int TimerTicks => Volatile.Read(ref _timerTicks);

    public int RemindersReceived => Volatile.Read(ref _remindersReceived);

    public void CountActivation() => Interlocked.Increment(ref _activations);

    public void CountDeactivation() => Interlocked.Increment(ref _deactivations);

    public void CountTimerTick() => Interlocked.Increment(ref _timerTicks);

    public void CountReminder() => Interlocked.Increment(ref _remindersReceived);

    public DeactivationReason? LastDeactivationReason { get; set; }

    public Exception? Thrown { get; set; }

    /// <summary>When set, the next OnActivateAsync throws it (once).</summary>
    public Exception? FailNextActivation { get; set; }

    /// <summary>Holds SlowAsync calls until completed.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds OnDeactivateAsync until completed; open unless a test holds it.</summary>
    public TaskCompletionSource DeactivationGate { get; private set; } = Opened();

    public void HoldDeactivation() => DeactivationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds OnActivateAsync until completed; open unless a test holds it.</summary>
    public TaskCompletionSource ActivationGate { get; private set; } = Opened();

    public void HoldActivation() => ActivationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds timer ticks until completed.</summary>
    public TaskCompletionSource TickGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once two read-only calls are inside the grain together.</summary>
    public TaskCompletionSource BothReadersInside { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxInside => Volatile.Read(ref _maxInside);

    public int MaxTimerInside => Volatile.Read(ref _maxTimerInside);

    public void Enter() => Raise(ref _maxInside, Interlocked.Increment(ref _inside));

    public void Exit() => Interlocked.Decrement(ref _inside);

    public void EnterTimer() => Raise(ref _maxTimerInside, Interlocked.Increment(ref _timerInside));

    public void ExitTimer() => Interlocked.Decrement(ref _timerInside);

    public void ReaderArrived()
    {
        if (Interlocked.Increment(ref _readOnlyArrivals) == 2)
        {
            BothReadersInside.TrySetResult();
        }
    }

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private static void Raise(ref int max, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref max)) < value && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }
}
