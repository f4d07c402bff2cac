namespace LoCoPi.Runtime.Tests.Grains;

public interface ICounterGrain : IGrain
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    /// <summary>Increments once per <paramref name="claimKey"/> across all counters of the tenant.</summary>
    Task<int> IncrementOnceAsync(string claimKey);

    Task<bool> MeetAnotherReaderAsync();

    Task SlowAsync();

    Task FailAsync();

    Task<bool> ResumesOnItsActivationAsync();

    Task StartTimerAsync(TimeSpan period, TimeSpan? dueTime = null);

    Task ResetAsync();

    Task DeactivateAsync();

    Task StayAwakeAsync(TimeSpan duration);
}

public sealed class CounterState
{
    public int Value { get; set; }
}

/// <summary>A persistent counter that awaits between reading and writing, so lost updates would show.</summary>
public sealed class CounterGrain(Probe probe) : Grain<CounterState>, ICounterGrain
{
    private int _calls;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.CountActivation();
        await probe.ActivationGate.Task;
        await Task.Yield();
        if (probe.FailNextActivation is { } error)
        {
            probe.FailNextActivation = null;
            throw error;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.LastDeactivationReason = reason;
        probe.CountDeactivation();
        await probe.DeactivationGate.Task;
    }

    public async Task<int> IncrementAsync()
    {
        probe.Enter();
        try
        {
            var read = State.Value;
            await Task.Yield();
            if (++_calls % 500 == 0)
            {
                await Task.Delay(1);
            }

            State.Value = read + 1;
            await WriteStateAsync();
            return State.Value;
        }
        finally
        {
            probe.Exit();
        }
    }

    public Task<int> GetAsync() => Task.FromResult(State.Value);

    public async Task<int> IncrementOnceAsync(string claimKey)
    {
        State.Value++;
        await WriteStateAsync([new IdempotencyClaim("increment", claimKey, Key, "once")]);
        return State.Value;
    }

    public Task ResetAsync() => ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StayAwakeAsync(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public async Task<bool> MeetAnotherReaderAsync()
    {
        probe.ReaderArrived();
        await probe.BothReadersInside.Task;
        return true;
    }

    public async Task SlowAsync()
    {
        probe.Enter();
        try
        {
            await probe.Gate.Task;
        }
        finally
        {
            probe.Exit();
        }
    }

    public Task FailAsync()
    {
        var error = new InvalidOperationException("card already revoked");
        probe.Thrown = error;
        throw error;
    }

    public async Task<bool> ResumesOnItsActivationAsync()
    {
        var before = SynchronizationContext.Current;
        await Task.Delay(1);
        var afterDelay = SynchronizationContext.Current;
        await Task.Yield();
        return before is Turn && ReferenceEquals(before, afterDelay) && ReferenceEquals(before, SynchronizationContext.Current);
    }

    public Task StartTimerAsync(TimeSpan period, TimeSpan? dueTime = null)
    {
        RegisterTimer(
            async _ =>
            {
                probe.CountTimerTick();
                probe.EnterTimer();
                try
                {
                    await probe.TickGate.Task;
                }
                finally
                {
                    probe.ExitTimer();
                }
            },
            dueTime ?? period,
            period);
        return Task.CompletedTask;
    }
}

/// <summary>Hand-written proxy, as Grains.Interfaces will have: one static GrainMethod per method, static lambdas.</summary>
public sealed class CounterGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), ICounterGrain
{
    private static readonly GrainMethod Increment = new(nameof(ICounterGrain), nameof(IncrementAsync));
    private static readonly GrainMethod IncrementOnce = new(nameof(ICounterGrain), nameof(IncrementOnceAsync));
    private static readonly GrainMethod Get = new(nameof(ICounterGrain), nameof(GetAsync), readOnly: true);
    private static readonly GrainMethod MeetAnotherReader = new(nameof(ICounterGrain), nameof(MeetAnotherReaderAsync), readOnly: true);
    private static readonly GrainMethod Slow = new(nameof(ICounterGrain), nameof(SlowAsync), timeout: TimeSpan.FromSeconds(2));
    private static readonly GrainMethod Fail = new(nameof(ICounterGrain), nameof(FailAsync));
    private static readonly GrainMethod ResumesOnItsActivation = new(nameof(ICounterGrain), nameof(ResumesOnItsActivationAsync));
    private static readonly GrainMethod StartTimer = new(nameof(ICounterGrain), nameof(StartTimerAsync));
    private static readonly GrainMethod Reset = new(nameof(ICounterGrain), nameof(ResetAsync));
    private static readonly GrainMethod Deactivate = new(nameof(ICounterGrain), nameof(DeactivateAsync));
    private static readonly GrainMethod StayAwake = new(nameof(ICounterGrain), nameof(StayAwakeAsync));

    public Task<int> IncrementAsync() => InvokeAsync<ICounterGrain, int, int>(Increment, 0, static (g, _) => g.IncrementAsync());

    public Task<int> IncrementOnceAsync(string claimKey)
        => InvokeAsync<ICounterGrain, string, int>(IncrementOnce, claimKey, static (g, k) => g.IncrementOnceAsync(k));

    public Task<int> GetAsync() => InvokeAsync<ICounterGrain, int, int>(Get, 0, static (g, _) => g.GetAsync());

    public Task<bool> MeetAnotherReaderAsync()
        => InvokeAsync<ICounterGrain, int, bool>(MeetAnotherReader, 0, static (g, _) => g.MeetAnotherReaderAsync());

    public Task SlowAsync() => InvokeAsync<ICounterGrain, int>(Slow, 0, static (g, _) => g.SlowAsync());

    public Task FailAsync() => InvokeAsync<ICounterGrain, int>(Fail, 0, static (g, _) => g.FailAsync());

    public Task<bool> ResumesOnItsActivationAsync()
        => InvokeAsync<ICounterGrain, int, bool>(ResumesOnItsActivation, 0, static (g, _) => g.ResumesOnItsActivationAsync());

    public Task StartTimerAsync(TimeSpan period, TimeSpan? dueTime = null)
        => InvokeAsync<ICounterGrain, (TimeSpan Period, TimeSpan? DueTime)>(
            StartTimer, (period, dueTime), static (g, a) => g.StartTimerAsync(a.Period, a.DueTime));

    public Task ResetAsync() => InvokeAsync<ICounterGrain, int>(Reset, 0, static (g, _) => g.ResetAsync());

    public Task DeactivateAsync() => InvokeAsync<ICounterGrain, int>(Deactivate, 0, static (g, _) => g.DeactivateAsync());

    public Task StayAwakeAsync(TimeSpan duration)
        => InvokeAsync<ICounterGrain, TimeSpan>(StayAwake, duration, static (g, d) => g.StayAwakeAsync(d));
}
