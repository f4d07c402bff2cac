using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.PlaceStats;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

public sealed class PlaceStatsStateTests
{
    private const string Tokyo = "Asia/Tokyo";

    // 2026-11-22 14:05 in Tokyo.
    private static readonly DateTimeOffset Afternoon = new(2026, 11, 22, 5, 5, 0, TimeSpan.Zero);

    private static PlaceTouch Touch(long seq, string resident, string outcome, DateTimeOffset at, bool first = false)
        => new(seq, resident, outcome, at, first);

    [Fact]
    public void Touches_visits_and_hours_are_counted_in_tenant_local_time()
    {
        var state = new PlaceStatsState();
        var early = new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.Zero); // 08:30 on the 22nd in Tokyo
        state.Apply(new PlaceTouchBatch(Tokyo,
        [
            Touch(1, "r1", "visit", early, first: true),
            Touch(2, "r1", "repeat_visit", early.AddMinutes(1)),
            Touch(3, "r2", "visit", Afternoon, first: true),
            Touch(4, "r1", "repeat_visit", Afternoon), // a resident is one visitor however often they touch
        ]), Afternoon);

        var snapshot = state.ToSnapshot("library", Afternoon);

        Assert.Equal(new DateOnly(2026, 11, 22), snapshot.Date);
        Assert.Equal(4, snapshot.Touches);
        Assert.Equal(2, snapshot.Visits);
        Assert.Equal(2, snapshot.ByHour[8]);
        Assert.Equal(2, snapshot.ByHour[14]);
        Assert.Equal(4, snapshot.ByHour.Sum());
        Assert.Null(snapshot.Inside);
        Assert.Equal(4, snapshot.Seq);
    }

    [Fact]
    public void A_redelivered_batch_is_not_counted_twice()
    {
        var state = new PlaceStatsState();
        var batch = new PlaceTouchBatch(Tokyo, [Touch(7, "r1", "visit", Afternoon, first: true), Touch(9, "r2", "visit", Afternoon, first: true)]);

        Assert.Equal(2, state.Apply(batch, Afternoon));
        Assert.Equal(0, state.Apply(batch, Afternoon));

        Assert.Equal(2, state.ToSnapshot("library", Afternoon).Touches);
        Assert.Equal(2, state.ToSnapshot("library", Afternoon).Visits);
        Assert.Equal(9, state.LastSeq);
    }

    [Fact]
    public void Visits_count_first_arrivals_of_the_day_whatever_the_mode()
    {
        var state = new PlaceStatsState();
        state.Apply(new PlaceTouchBatch(Tokyo,
        [
            Touch(1, "r1", "boarded", Afternoon, first: true),
            Touch(2, "r1", "alighted", Afternoon.AddMinutes(10)),
            Touch(3, "r1", "boarded", Afternoon.AddMinutes(30)),
            Touch(4, "r2", "checked_in", Afternoon, first: true),
            Touch(5, "r2", "checked_out", Afternoon.AddMinutes(5)),
        ]), Afternoon.AddHours(1));

        var snapshot = state.ToSnapshot("bus", Afternoon.AddHours(1));

        Assert.Equal(5, snapshot.Touches);
        Assert.Equal(2, snapshot.Visits);
    }

    [Fact]
    public void Daily_counters_reset_at_local_midnight_but_people_inside_stay_inside()
    {
        var state = new PlaceStatsState();
        var lateEvening = new DateTimeOffset(2026, 11, 22, 14, 50, 0, TimeSpan.Zero); // 23:50 in Tokyo
        state.Apply(new PlaceTouchBatch(Tokyo,
        [
            Touch(1, "r1", "checked_in", lateEvening),
            Touch(2, "r2", "checked_in", lateEvening),
            Touch(3, "r2", "checked_out", lateEvening.AddMinutes(1)),
        ]), lateEvening);
        Assert.Equal(1, state.ToSnapshot("shelter", lateEvening).Inside);

        var afterMidnight = lateEvening.AddMinutes(15); // 00:05 on the 23rd
        var quiet = state.ToSnapshot("shelter", afterMidnight);
        Assert.Equal(new DateOnly(2026, 11, 23), quiet.Date);
        Assert.Equal(0, quiet.Touches);
        Assert.Equal(0, quiet.Visits);
        Assert.Equal(1, quiet.Inside);

        state.Apply(new PlaceTouchBatch(Tokyo, [Touch(4, "r3", "checked_in", afterMidnight, first: true)]), afterMidnight);
        var next = state.ToSnapshot("shelter", afterMidnight);
        Assert.Equal(1, next.Touches);
        Assert.Equal(1, next.Visits);
        Assert.Equal(1, next.ByHour[0]);
        Assert.Equal(2, next.Inside);
    }

    [Fact]
    public void A_late_upload_for_a_closed_day_does_not_count_today()
    {
        var state = new PlaceStatsState();
        state.Apply(new PlaceTouchBatch(Tokyo, [Touch(1, "r1", "visit", Afternoon, first: true)]), Afternoon);

        state.Apply(new PlaceTouchBatch(Tokyo, [Touch(2, "r2", "visit", Afternoon.AddDays(-2), first: true)]), Afternoon);

        var snapshot = state.ToSnapshot("library", Afternoon);
        Assert.Equal(1, snapshot.Touches);
        Assert.Equal(1, snapshot.Visits);
        Assert.Equal(2, snapshot.Seq);
    }
}
