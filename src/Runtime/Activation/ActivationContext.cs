namespace LoCoPi.Runtime;

/// <summary>What the activation offers its grain instance.</summary>
internal sealed partial class Activation
{
    IGrainFactory IGrainContext.GrainFactory => _runtime;

    TimeProvider IGrainContext.TimeProvider => _runtime.TimeProvider;

    IGrainStorage IGrainContext.Storage => _runtime.Storage;

    IGrainSerializer IGrainContext.Serializer => _runtime.Serializer;

    async Task<GrainWriteResult> IGrainContext.WriteStateAsync(GrainStateWrite write)
    {
        var started = _runtime.TimeProvider.GetTimestamp();
        try
        {
            return await _runtime.Storage.WriteStateAsync(write, CancellationToken.None);
        }
        finally
        {
            _runtime.Statistics.RecordStorageWrite(_runtime.TimeProvider.GetTimestamp() - started);
        }
    }

    void IGrainContext.MarkInconsistent() => RequestDeactivation(DeactivationReason.InconsistentState);

    IDisposable IGrainContext.RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        GrainTimer.Validate(dueTime, nameof(dueTime));
        GrainTimer.Validate(period, nameof(period));
        var timer = new GrainTimer(this, callback, dueTime, period, _runtime.TimeProvider);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Deactivated)
            {
                timer.Dispose();
                throw new InvalidOperationException($"{GrainId} is deactivating; it cannot start a timer.");
            }

            (_timers ??= []).Add(timer);
        }

        return timer;
    }

    Task IGrainContext.RegisterOrUpdateReminderAsync(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (Grain is not IRemindable)
        {
            throw new InvalidOperationException($"Grain type '{GrainId.Type}' must implement IRemindable to use reminders.");
        }

        return _runtime.Reminders.RegisterAsync(GrainId, reminderName, dueTime, period);
    }

    Task IGrainContext.UnregisterReminderAsync(string reminderName) => _runtime.Reminders.UnregisterAsync(GrainId, reminderName);

    void IGrainContext.DeactivateOnIdle() => RequestDeactivation(DeactivationReason.Requested);

    void IGrainContext.DelayDeactivation(TimeSpan duration)
    {
        var until = _runtime.TimeProvider.GetTimestamp() + _runtime.ToTicks(duration);
        lock (_lock)
        {
            _keepAliveUntil = Math.Max(_keepAliveUntil, until);
        }
    }
}
