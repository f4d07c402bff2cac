using LoCoPi.Runtime.Tests.Grains;
using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Reminders;

public sealed class ReminderTests
{
    [Fact]
    public async Task A_reminder_fires_after_a_restart_on_the_same_storage()
    {
        var storage = new MemoryGrainStorage();
        var time = new ManualTimeProvider();
        var probe = new Probe();
        await using (var first = await RuntimeHarness.StartAsync(storage: storage, time: time, probe: probe))
        {
            await first.Runtime.GetGrain<IAlarmGrain>("t1", "elder-7").SetAsync(TimeSpan.FromMinutes(10));
        }

        await using var second = await RuntimeHarness.StartAsync(storage: storage, time: time, probe: probe);
        Assert.Equal(0, probe.RemindersReceived);
        Assert.Equal(1, second.Runtime.GetStatistics().ActiveReminders);

        time.Advance(TimeSpan.FromMinutes(10));

        await Eventually.HoldsAsync(() => probe.RemindersReceived == 1, "reminder delivered after restart");
        Assert.Equal(1, second.Runtime.ActivationCount);
        await Eventually.HoldsAsync(
            () => storage.ReadRemindersAsync(default).Result.Single().NextDueAt == time.GetUtcNow() + TimeSpan.FromMinutes(10),
            "next due time stored");
    }

    [Fact]
    public async Task A_reminder_keeps_firing_each_period()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        await harness.Runtime.GetGrain<IAlarmGrain>("t1", "elder-7").SetAsync(TimeSpan.FromMinutes(1));

        for (var expected = 1; expected <= 3; expected++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            await Eventually.HoldsAsync(() => harness.Probe.RemindersReceived == expected, $"tick {expected}");
            await Eventually.HoldsAsync(
                () => harness.Storage.ReadRemindersAsync(default).Result.Single().NextDueAt > harness.Time.GetUtcNow(),
                "re-armed");
        }
    }

    [Fact]
    public async Task A_reminder_due_beyond_the_longest_timer_wait_is_armed_and_fires_when_due()
    {
        // The runtime's own periodic timers slowed down, so stepping the clock through 100 days is quick.
        await using var harness = await RuntimeHarness.StartAsync(configure: o =>
        {
            o.CallTimeoutCheckInterval = o.StatisticsWindow = o.CollectionQuantum = TimeSpan.FromHours(6);
            o.CollectionAge = TimeSpan.FromDays(365);
        });
        // A system timer waits at most ~49.7 days; arming one for longer threw, and from the timer's
        // own callback that ended the process.
        await harness.Runtime.GetGrain<IAlarmGrain>("t1", "elder-7").SetAsync(TimeSpan.FromDays(100));

        for (var day = 0; day < 99; day++)
        {
            harness.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(0, harness.Probe.RemindersReceived);
        harness.Time.Advance(TimeSpan.FromDays(1));
        await Eventually.HoldsAsync(() => harness.Probe.RemindersReceived == 1, "delivered after 100 days");
    }

    [Fact]
    public async Task A_period_below_the_minimum_is_refused()
    {
        await using var harness = await RuntimeHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => harness.Runtime.GetGrain<IAlarmGrain>("t1", "elder-7").SetAsync(TimeSpan.FromSeconds(59)));
        Assert.Empty(await harness.Storage.ReadRemindersAsync(default));
    }
}
