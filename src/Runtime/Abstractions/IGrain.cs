namespace LoCoPi.Runtime;

/// <summary>Marker for grain interfaces; every grain contract in Grains.Interfaces derives from it.</summary>
#pragma warning disable CA1040 // A marker is the point: it constrains GetGrain to grain contracts.
public interface IGrain;
#pragma warning restore CA1040

/// <summary>Creates typed references to grains. A reference is cheap; the grain activates on its first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string tenant, string key) where TGrainInterface : IGrain;
}

/// <summary>Implemented by grains that receive durable reminders.</summary>
public interface IRemindable
{
    Task ReceiveReminderAsync(string reminderName, ReminderTick tick);
}

/// <summary>When a reminder was due and when it is delivered.</summary>
public readonly record struct ReminderTick(DateTimeOffset DueAt, DateTimeOffset DeliveredAt, TimeSpan Period);
