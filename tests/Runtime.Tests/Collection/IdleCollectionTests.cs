using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Collection;

public sealed class IdleCollectionTests
{
    private static readonly GrainTypeOptions FiveMinutes = new() { CollectionAge = TimeSpan.FromMinutes(5) };

    [Fact]
    public async Task Idle_grain_is_deactivated_and_reloads_state_on_next_call()
    {
        await using var harness = await RuntimeHarness.StartAsync(FiveMinutes);
        var counter = harness.Counter();
        await counter.IncrementAsync();

        AdvanceMinutes(harness, 6);
        // OnDeactivateAsync runs first; the catalog lets the activation go just after it returns.
        await Eventually.HoldsAsync(
            () => harness.Probe.Deactivations == 1 && harness.Runtime.ActivationCount == 0, "idle grain deactivated");
        Assert.Equal(DeactivationReason.IdleCollected, harness.Probe.LastDeactivationReason);

        // Changed behind the runtime's back: only a fresh load from storage can see 41.
        await harness.Storage.WriteStateAsync(
            new GrainStateWrite(new GrainStateKey("t1", "counter", "c1", "state"), "{\"value\":41}"u8.ToArray(), 1, []),
            CancellationToken.None);
        Assert.Equal(41, await counter.GetAsync());
        Assert.Equal(2, harness.Probe.Activations);
    }

    [Fact]
    public async Task A_grain_called_within_its_collection_age_stays_active()
    {
        await using var harness = await RuntimeHarness.StartAsync(FiveMinutes);
        var counter = harness.Counter();

        for (var minute = 0; minute < 12; minute++)
        {
            await counter.IncrementAsync();
            AdvanceMinutes(harness, 1);
        }

        Assert.Equal(0, harness.Probe.Deactivations);
        Assert.Equal(1, harness.Probe.Activations);
    }

    [Fact]
    public async Task A_keep_alive_grain_is_not_collected()
    {
        await using var harness = await RuntimeHarness.StartAsync(FiveMinutes with { KeepAlive = true });
        await harness.Counter().IncrementAsync();

        AdvanceMinutes(harness, 60);
        await harness.Counter().GetAsync();

        Assert.Equal(0, harness.Probe.Deactivations);
        Assert.Equal(1, harness.Probe.Activations);
    }

    [Fact]
    public async Task Delay_deactivation_keeps_an_idle_grain_past_its_collection_age()
    {
        await using var harness = await RuntimeHarness.StartAsync(FiveMinutes);
        await harness.Counter().StayAwakeAsync(TimeSpan.FromMinutes(20));

        AdvanceMinutes(harness, 15);
        await harness.Runtime.StopAsync();

        Assert.Equal(DeactivationReason.RuntimeStopping, harness.Probe.LastDeactivationReason);
        Assert.Equal(1, harness.Probe.Deactivations);
    }

    [Fact]
    public async Task Timer_ticks_do_not_keep_a_grain_alive()
    {
        await using var harness = await RuntimeHarness.StartAsync(new GrainTypeOptions { CollectionAge = TimeSpan.FromMinutes(30) });
        harness.Probe.TickGate.SetResult();
        await harness.Counter().StartTimerAsync(TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(
            () =>
            {
                harness.Time.Advance(TimeSpan.FromSeconds(20));
                return harness.Probe.TimerTicks >= 2;
            },
            "the timer ticks");
        Assert.Equal(0, harness.Probe.Deactivations);

        AdvanceMinutes(harness, 31);

        await Eventually.HoldsAsync(() => harness.Probe.Deactivations == 1, "grain with a ticking timer deactivated");
        Assert.Equal(DeactivationReason.IdleCollected, harness.Probe.LastDeactivationReason);
    }

    [Fact]
    public async Task Stopping_the_runtime_deactivates_every_grain_and_refuses_further_calls()
    {
        await using var harness = await RuntimeHarness.StartAsync(FiveMinutes);
        await harness.Counter().IncrementAsync();

        await harness.Runtime.StopAsync();

        Assert.Equal(1, harness.Probe.Deactivations);
        Assert.Equal(DeactivationReason.RuntimeStopping, harness.Probe.LastDeactivationReason);
        await Assert.ThrowsAsync<GrainRuntimeException>(harness.Counter().GetAsync);
    }

    private static void AdvanceMinutes(RuntimeHarness harness, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }
}
