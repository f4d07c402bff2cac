using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Accounts;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Accounts;

/// <summary>The in-memory count of wrong passwords for ids that are no account, and its bound.</summary>
public sealed class UnknownAccountFailuresTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public void Five_failures_in_a_run_lock_the_id_until_the_window_after_the_last_one()
    {
        var clock = new ManualClock(Start);
        var failures = new UnknownAccountFailures(clock);
        for (var i = 0; i < LoginThrottling.MaxFailures; i++)
        {
            Assert.Null(failures.LockedUntil("asahi", "nobody"));
            failures.Record("asahi", "nobody");
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(Start + TimeSpan.FromMinutes(4) + LoginThrottling.Window, failures.LockedUntil("asahi", "nobody"));
        Assert.Null(failures.LockedUntil("other-town", "nobody"));
        clock.Advance(LoginThrottling.Window);
        Assert.Null(failures.LockedUntil("asahi", "nobody"));
    }

    [Fact]
    public void When_full_ended_runs_are_forgotten_first_and_a_flood_of_new_ids_is_not_counted()
    {
        var clock = new ManualClock(Start);
        var failures = new UnknownAccountFailures(clock);
        for (var i = 0; i < UnknownAccountFailures.Capacity; i++)
        {
            failures.Record("asahi", "guess-" + i);
        }

        // Full of runs still inside their window: a new id is not counted, an existing one still is.
        for (var i = 0; i < LoginThrottling.MaxFailures; i++)
        {
            failures.Record("asahi", "new-id");
            failures.Record("asahi", "guess-0");
        }

        Assert.Null(failures.LockedUntil("asahi", "new-id"));
        Assert.NotNull(failures.LockedUntil("asahi", "guess-0"));

        // Once those runs have ended they make room.
        clock.Advance(LoginThrottling.Window);
        for (var i = 0; i < LoginThrottling.MaxFailures; i++)
        {
            failures.Record("asahi", "new-id");
        }

        Assert.NotNull(failures.LockedUntil("asahi", "new-id"));
    }
}
