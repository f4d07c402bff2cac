namespace LoCoPi.Runtime;

/// <summary>
/// One unit of work on an activation (a call, a timer tick, activation or deactivation). A turn is
/// also the SynchronizationContext its awaits capture, so continuations are posted back into its
/// activation's queue, and the turn a grain is running is always known: that is what carries the
/// call chain for deadlock detection without an AsyncLocal (and its per-call allocation).
/// </summary>
internal abstract class Turn : SynchronizationContext
{
    private int _finished;

    protected Turn(Turn? parent, long deadline)
    {
        Parent = parent;
        Deadline = deadline;
    }

    internal Activation? Activation { get; set; }

    /// <summary>The turn that made this call, when it was made from inside a grain.</summary>
    internal Turn? Parent { get; }

    /// <summary>Timestamp (TimeProvider ticks) after which the caller gets a timeout; long.MaxValue for none.</summary>
    internal long Deadline { get; }

    internal long EnqueuedAt { get; set; }

    internal bool IsFinished => Volatile.Read(ref _finished) != 0;

    internal abstract GrainId GrainId { get; }

    /// <summary>What the turn runs, as shown in deadlock chains ("ICardGrain.TouchAsync").</summary>
    internal abstract string Description { get; }

    internal abstract bool IsReadOnly { get; }

    /// <summary>Calls and reminders keep a grain alive; timer ticks do not.</summary>
    internal virtual bool CountsAsActivity => true;

    /// <summary>Runtime-internal work is not bounded by the queue limit and never moves to another activation.</summary>
    internal virtual bool IsInternal => false;

    internal virtual GrainMethod? Method => null;

    internal abstract Task StartBody(Activation activation);

    /// <summary>Creates the caller's task before the turn is published to another thread.</summary>
    internal virtual void PreparePromise()
    {
    }

    internal bool TryMarkFinished() => Interlocked.Exchange(ref _finished, 1) == 0;

    /// <summary>Hands the body's outcome to whoever waits for this turn, once.</summary>
    internal void TryComplete(Task body)
    {
        if (!TryMarkFinished())
        {
            return;
        }

        // Completing the caller's task may run its continuation inline; with our context still
        // current, external code would believe it runs inside this grain.
        var previous = Current;
        SetSynchronizationContext(null);
        try
        {
            OnCompleted(body);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    internal void TryFail(Exception error)
    {
        if (!TryMarkFinished())
        {
            return;
        }

        var previous = Current;
        SetSynchronizationContext(null);
        try
        {
            OnFailed(error);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    protected abstract void OnCompleted(Task body);

    protected abstract void OnFailed(Exception error);

    /// <summary>The exception grain code threw, unchanged (not wrapped in an AggregateException).</summary>
    internal static Exception ErrorOf(Task body)
    {
        if (body.IsCanceled)
        {
            try
            {
                body.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException canceled)
            {
                return canceled;
            }
        }

        var aggregate = body.Exception!;
        return aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Activation is { } activation)
        {
            activation.Post(this, d, state);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.d(s.state), (d, state), preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException("Grain code cannot block on its own activation.");

    public override SynchronizationContext CreateCopy() => this;

    public override string ToString() => $"{GrainId}: {Description}";
}
