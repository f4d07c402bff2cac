using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime;

/// <summary>
/// One live instance of a grain and its mailbox. At most one thread executes grain code at a time
/// (the holder of <see cref="_executing"/>); a non-read-only turn excludes every other turn until its
/// task completes, however many awaits it contains; read-only turns may interleave with each other.
/// </summary>
internal sealed partial class Activation : IThreadPoolWorkItem, IGrainContext
{
    // Fairness: an activation gives its thread back after this many items.
    private const int BatchSize = 64;

    private readonly Lock _lock = new();
    private readonly GrainRuntime _runtime;
    private readonly GrainTypeRegistration _type;
    private readonly Queue<Turn> _pending = new();
    private readonly Queue<Continuation> _continuations = new();
    private readonly List<Turn> _running = new(1);
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _maxQueueLength;
    private ActivationState _state = ActivationState.Activating;
    private ActivationTurn? _activationTurn;
    private bool _executing;
    private int _runningCount;
    private int _runningCalls;
    private bool _runningReadOnly;
    private bool _watched;
    private DeactivationReason? _deactivationReason;
    private long _lastActivity;
    private long _keepAliveUntil;
    private List<GrainTimer>? _timers;

    internal Activation(GrainRuntime runtime, GrainId grainId, GrainTypeRegistration type)
    {
        _runtime = runtime;
        GrainId = grainId;
        _type = type;
        _maxQueueLength = type.Options.MaxQueueLength ?? runtime.Options.MaxQueueLength;
        _lastActivity = runtime.TimeProvider.GetTimestamp();
        // The activation turn runs before anything else and excludes every call.
        _activationTurn = new ActivationTurn(grainId) { Activation = this };
        _runningCount = 1;
    }

    public GrainId GrainId { get; }

    internal Grain? Grain { get; private set; }

    internal GrainTypeRegistration Type => _type;

    internal Task Deactivated => _deactivated.Task;

    internal int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    internal bool IsActive => _state == ActivationState.Active;

    /// <summary>
    /// Accepts a turn. Returns <see cref="AcceptResult.RunInline"/> when the activation was idle and the
    /// caller now holds the execution right and must call <see cref="RunInline"/>.
    /// </summary>
    internal AcceptResult Accept(Turn turn, bool allowInline)
    {
        var schedule = false;
        lock (_lock)
        {
            if (_state == ActivationState.Deactivated)
            {
                return AcceptResult.Rejected;
            }

            turn.Activation = this;
            if (turn.CountsAsActivity)
            {
                _lastActivity = turn.EnqueuedAt;
            }

            if (allowInline && !_executing && _state == ActivationState.Active && _pending.Count == 0
                && _continuations.Count == 0 && _deactivationReason is null && CanStart(turn))
            {
                _executing = true;
                BeginTurn(turn);
                return AcceptResult.RunInline;
            }

            if (!turn.IsInternal && _pending.Count >= _maxQueueLength)
            {
                return AcceptResult.Overloaded;
            }

            turn.PreparePromise();
            _pending.Enqueue(turn);
            Watch(turn);
            schedule = TryTakeExecution();
        }

        if (schedule)
        {
            Schedule();
        }

        return AcceptResult.Queued;
    }

    /// <summary>Runs a turn on the caller's thread; returns its task if it finished synchronously, else null.</summary>
    internal Task? RunInline(Turn turn)
    {
        var body = Start(turn);
        if (body.IsCompleted)
        {
            turn.TryMarkFinished();
            EndTurn(turn, body, releaseExecution: true);
            return body;
        }

        turn.PreparePromise();
        Await(turn, body);
        ReleaseExecution();
        return null;
    }

    internal void EnqueueInternal(Turn turn)
    {
        turn.EnqueuedAt = _runtime.TimeProvider.GetTimestamp();
        Accept(turn, allowInline: false);
    }

    internal void Post(Turn turn, SendOrPostCallback callback, object? state)
    {
        var schedule = false;
        lock (_lock)
        {
            if (_state != ActivationState.Deactivated)
            {
                _continuations.Enqueue(new Continuation(turn, callback, state));
                schedule = TryTakeExecution();
                if (!schedule)
                {
                    return;
                }
            }
        }

        if (schedule)
        {
            Schedule();
        }
        else
        {
            // A leftover continuation of a dead activation (fire-and-forget work): run it, but not as the grain.
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.callback(s.state), (callback, state), preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        for (var i = 0; i < BatchSize; i++)
        {
            Continuation continuation = default;
            Turn? turn = null;
            lock (_lock)
            {
                if (!_continuations.TryDequeue(out continuation))
                {
                    turn = NextTurn();
                    if (turn is null)
                    {
                        _executing = false;
                        return;
                    }
                }
            }

            if (turn is null)
            {
                RunContinuation(continuation);
            }
            else
            {
                var body = Start(turn);
                if (body.IsCompleted)
                {
                    Finish(turn, body);
                }
                else
                {
                    Await(turn, body);
                }
            }
        }

        Schedule();
    }

    private Turn? NextTurn()
    {
        if (_state == ActivationState.Activating && _activationTurn is { } activation)
        {
            _activationTurn = null;
            return activation;
        }

        if (_state != ActivationState.Active || _runningCount > 0 && !_runningReadOnly)
        {
            return null;
        }

        if (_deactivationReason is { } reason && _runningCount == 0)
        {
            var serveFirst = reason is DeactivationReason.IdleCollected or DeactivationReason.RuntimeStopping;
            if (reason == DeactivationReason.IdleCollected && HasPendingCall())
            {
                // A call arrived after the collector chose this activation: it is not idle after all.
                _deactivationReason = null;
            }
            else if (!serveFirst || !HasPendingCall())
            {
                _state = ActivationState.Deactivating;
                var turn = new DeactivationTurn(GrainId, reason) { Activation = this };
                BeginTurn(turn);
                return turn;
            }
        }

        while (_pending.TryPeek(out var next))
        {
            if (next.IsFinished)
            {
                _pending.Dequeue();
                continue;
            }

            if (!CanStart(next))
            {
                return null;
            }

            _pending.Dequeue();
            BeginTurn(next);
            return next;
        }

        return null;
    }

    private bool HasPendingCall()
    {
        foreach (var turn in _pending)
        {
            if (!turn.IsInternal && !turn.IsFinished)
            {
                return true;
            }
        }

        return false;
    }

    private bool CanStart(Turn turn) => _runningCount == 0 || turn.IsReadOnly && _runningReadOnly;

    private void BeginTurn(Turn turn)
    {
        _runningCount++;
        _runningCalls += turn.CountsAsActivity ? 1 : 0;
        _runningReadOnly = turn.IsReadOnly;
    }

    private Task Start(Turn turn)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(turn);
        try
        {
            return turn.StartBody(this);
        }
        catch (Exception error)
        {
            return Task.FromException(error);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void Await(Turn turn, Task body)
    {
        lock (_lock)
        {
            _running.Add(turn);
            Watch(turn);
        }

        body.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Finish(turn, body));
    }

    private void Finish(Turn turn, Task body)
    {
        EndTurn(turn, body);
        turn.TryComplete(body);
    }

    /// <summary>Leaves the turn's exclusion and wakes the mailbox; may run on any thread.</summary>
    private void EndTurn(Turn turn, Task body, bool releaseExecution = false)
    {
        var now = _runtime.TimeProvider.GetTimestamp();
        var schedule = false;
        lock (_lock)
        {
            _runningCount--;
            _running.Remove(turn);
            if (turn.CountsAsActivity)
            {
                _runningCalls--;
                _lastActivity = now;
            }

            // One lock for ending the turn and giving back the thread: the idle fast path takes it only twice per call.
            if (releaseExecution)
            {
                _executing = false;
            }

            schedule = TryTakeExecution();
        }

        if (turn.Method is { } method)
        {
            _runtime.Statistics.RecordCall(method, now - turn.EnqueuedAt, !body.IsCompletedSuccessfully);
        }

        if (schedule)
        {
            Schedule();
        }
    }

    private void ReleaseExecution()
    {
        lock (_lock)
        {
            _executing = false;
            if (!TryTakeExecution())
            {
                return;
            }
        }

        Schedule();
    }

    /// <summary>Claims the execution right when nobody holds it and there is something to run (call under the lock).</summary>
    private bool TryTakeExecution()
    {
        if (_executing || !HasRunnableWork())
        {
            return false;
        }

        _executing = true;
        return true;
    }

    private bool HasRunnableWork()
    {
        if (_continuations.Count > 0 || _state == ActivationState.Activating && _activationTurn is not null)
        {
            return true;
        }

        if (_state != ActivationState.Active)
        {
            return false;
        }

        if (_deactivationReason is not null && _runningCount == 0)
        {
            return true;
        }

        return _pending.TryPeek(out var next) && (next.IsFinished || CanStart(next));
    }

    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);

    private static void RunContinuation(Continuation continuation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(continuation.Turn);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void Watch(Turn turn)
    {
        if (!_watched && turn.Deadline != long.MaxValue)
        {
            _watched = true;
            _runtime.Timeouts.Watch(this);
        }
    }

    /// <summary>Fails calls past their deadline; returns whether the activation still has calls to watch.</summary>
    internal bool ExpireCalls(long now, List<Turn> expired)
    {
        lock (_lock)
        {
            foreach (var turn in _pending)
            {
                if (turn.Deadline <= now && !turn.IsFinished)
                {
                    expired.Add(turn);
                }
            }

            foreach (var turn in _running)
            {
                if (turn.Deadline <= now && !turn.IsFinished)
                {
                    expired.Add(turn);
                }
            }

            _watched = _pending.Count > 0 || _running.Count > 0;
            return _watched;
        }
    }

    private readonly record struct Continuation(Turn Turn, SendOrPostCallback Callback, object? State);
}

internal enum ActivationState
{
    Activating,
    Active,
    Deactivating,
    Deactivated,
}

internal enum AcceptResult
{
    Queued,
    RunInline,
    Rejected,
    Overloaded,
}
