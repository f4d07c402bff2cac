namespace LoCoPi.Runtime;

/// <summary>What an activation offers the grain instance it hosts. Implemented by the runtime.</summary>
internal interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    TimeProvider TimeProvider { get; }

    IGrainStorage Storage { get; }

    IGrainSerializer Serializer { get; }

    /// <summary>A durable write, measured for statistics.</summary>
    Task<GrainWriteResult> WriteStateAsync(GrainStateWrite write);

    /// <summary>Drops the activation after the current turn; the next call reloads state.</summary>
    void MarkInconsistent();

    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    Task RegisterOrUpdateReminderAsync(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminderAsync(string reminderName);

    void DeactivateOnIdle();

    void DelayDeactivation(TimeSpan duration);
}
