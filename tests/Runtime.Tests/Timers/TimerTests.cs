using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Timers;

public sealed class TimerTests
{
    [Fact]
    public async Task A_slow_timer_tick_never_overlaps_the_next()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        await harness.Counter().StartTimerAsync(TimeSpan.FromSeconds(1));

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => harness.Probe.TimerTicks == 1, "first tick started");
        // Many periods pass while the first tick is still running.
        for (var i = 0; i < 10; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, harness.Probe.TimerTicks);
        harness.Probe.TickGate.SetResult();
        await Eventually.HoldsAsync(
            () =>
            {
                harness.Time.Advance(TimeSpan.FromSeconds(1));
                return harness.Probe.TimerTicks >= 3;
            },
            "the timer resumes after the slow tick");
        Assert.Equal(1, harness.Probe.MaxTimerInside);
    }

    [Fact]
    public async Task A_timer_stops_when_its_grain_is_deactivated()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        harness.Probe.TickGate.SetResult();
        await harness.Counter().StartTimerAsync(TimeSpan.FromSeconds(1));
        await harness.Runtime.StopAsync();
        var ticks = harness.Probe.TimerTicks;

        harness.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(ticks, harness.Probe.TimerTicks);
    }

    [Fact]
    public async Task A_period_longer_than_a_system_timer_can_wait_is_refused_when_the_timer_is_registered()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        harness.Probe.TickGate.SetResult();

        // The first tick would come after a second; the 60-day period could only fail at the re-arm.
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => harness.Counter().StartTimerAsync(TimeSpan.FromDays(60), dueTime: TimeSpan.FromSeconds(1)));
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("period", refused.ParamName);
        Assert.Equal(0, harness.Probe.TimerTicks);
        Assert.Equal(1, await harness.Counter().IncrementAsync());
    }
}
