using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime;

/// <summary>Activation, deactivation and idle collection of an activation.</summary>
internal sealed partial class Activation
{
    internal async Task ActivateAsync()
    {
        var grain = _type.Create(_runtime.Services);
        grain.Attach(this);
        Grain = grain;
        var started = _runtime.TimeProvider.GetTimestamp();
        await grain.LoadStateAsync(CancellationToken.None);
        _runtime.Statistics.RecordStorageRead(_runtime.TimeProvider.GetTimestamp() - started);
        await grain.OnActivateAsync(CancellationToken.None);
    }

    internal void OnActivated(Task body)
    {
        if (body.IsCompletedSuccessfully)
        {
            var schedule = false;
            lock (_lock)
            {
                _state = ActivationState.Active;
                schedule = TryTakeExecution();
            }

            if (schedule)
            {
                Schedule();
            }

            return;
        }

        // The failure is the answer to every call waiting for this activation; the next call tries afresh.
        var error = Turn.ErrorOf(body);
        _runtime.Logger.LogWarning(error, "Activation of {GrainId} failed", GrainId);
        foreach (var turn in Close())
        {
            turn.TryFail(error);
        }
    }

    internal async Task DeactivateAsync(DeactivationReason reason)
    {
        DisposeTimers();
        // A stale activation must not write again: its state is no longer the stored one.
        if (reason != DeactivationReason.InconsistentState && Grain is { } grain)
        {
            await grain.OnDeactivateAsync(reason, CancellationToken.None);
        }
    }

    internal void OnDeactivated(Task body)
    {
        if (!body.IsCompletedSuccessfully)
        {
            _runtime.Logger.LogWarning(Turn.ErrorOf(body), "OnDeactivateAsync of {GrainId} failed", GrainId);
        }

        // Calls that queued up during deactivation are served by the next activation.
        foreach (var turn in Close())
        {
            if (!turn.IsInternal)
            {
                _runtime.Redispatch(turn);
            }
        }
    }

    /// <summary>Asks for deactivation; it happens when no turn is running.</summary>
    internal void RequestDeactivation(DeactivationReason reason)
    {
        var schedule = false;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Deactivated)
            {
                return;
            }

            if (_deactivationReason is null or DeactivationReason.IdleCollected || reason == DeactivationReason.InconsistentState)
            {
                _deactivationReason = reason;
            }

            schedule = TryTakeExecution();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    /// <summary>Starts idle collection when nothing has called the grain for <paramref name="idleTicks"/>.</summary>
    internal bool TryCollect(long now, long idleTicks)
    {
        var schedule = false;
        lock (_lock)
        {
            // Timer ticks, running or queued, do not count: only calls keep a grain alive.
            if (_state != ActivationState.Active || _runningCalls > 0 || _deactivationReason is not null
                || now - _lastActivity < idleTicks || now < _keepAliveUntil || HasPendingCall())
            {
                return false;
            }

            _deactivationReason = DeactivationReason.IdleCollected;
            schedule = TryTakeExecution();
        }

        if (schedule)
        {
            Schedule();
        }

        return true;
    }

    private List<Turn> Close()
    {
        List<Turn> leftovers;
        lock (_lock)
        {
            _state = ActivationState.Deactivated;
            leftovers = [.. _pending];
            _pending.Clear();
        }

        DisposeTimers();
        _runtime.Remove(this);
        _deactivated.TrySetResult();
        return leftovers;
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            if (_timers is null)
            {
                return;
            }

            timers = [.. _timers];
            _timers = null;
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    internal void LogTimerFailure(Exception? error)
        => _runtime.Logger.LogWarning(error, "A timer of {GrainId} failed", GrainId);
}
