namespace LoCoPi.Runtime.Tests.Grains;

public interface IAlarmGrain : IGrain
{
    Task SetAsync(TimeSpan period);
}

/// <summary>Holds a durable reminder (an elder not seen for a while, in the real system).</summary>
public sealed class AlarmGrain(Probe probe) : Grain, IAlarmGrain, IRemindable
{
    public Task SetAsync(TimeSpan period) => RegisterOrUpdateReminderAsync("not-seen", period, period);

    public Task ReceiveReminderAsync(string reminderName, ReminderTick tick)
    {
        probe.CountReminder();
        return Task.CompletedTask;
    }
}

public sealed class AlarmGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IAlarmGrain
{
    private static readonly GrainMethod Set = new(nameof(IAlarmGrain), nameof(SetAsync));

    public Task SetAsync(TimeSpan period) => InvokeAsync<IAlarmGrain, TimeSpan>(Set, period, static (g, p) => g.SetAsync(p));
}
