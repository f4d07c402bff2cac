using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Grains.Shelters;
using Xunit;

namespace LoCoPi.Web.Tests.Shelters;

public sealed class ShelterRosterRulesTests
{
    private const string In = "checked_in";
    private const string Out = "checked_out";

    private static readonly DateTimeOffset Noon = new(2025, 6, 2, 3, 0, 0, TimeSpan.Zero);

    private static RosterTouch Touch(long seq, string resident, string outcome, DateTimeOffset at) => new(seq, resident, outcome, at);

    private static IReadOnlyList<Evacuee> Roster(params RosterTouch[] touches)
    {
        var state = new ShelterRosterState();
        ShelterRosterRules.Apply(state, touches, Noon);
        return ShelterRosterRules.Evacuees(state);
    }

    [Fact]
    public void A_check_in_puts_a_person_inside_since_the_touch_and_a_check_out_takes_them_out()
    {
        var roster = Roster(
            Touch(1, "r1", In, Noon.AddHours(-3)),
            Touch(2, "r2", In, Noon.AddHours(-2)),
            Touch(3, "r1", Out, Noon.AddHours(-1)));

        Assert.Equal([new Evacuee("r2", Noon.AddHours(-2))], roster);
    }

    [Fact]
    public void Evacuees_are_ordered_by_check_in_time_then_resident_id()
    {
        var roster = Roster(
            Touch(1, "b", In, Noon),
            Touch(2, "a", In, Noon),
            Touch(3, "c", In, Noon.AddMinutes(-1)));

        Assert.Equal(["c", "a", "b"], roster.Select(e => e.ResidentId));
    }

    [Fact]
    public void A_second_check_in_keeps_the_earliest_time_whether_it_is_earlier_or_later()
    {
        Assert.Equal([new Evacuee("r1", Noon.AddHours(-3))], Roster(Touch(1, "r1", In, Noon.AddHours(-1)), Touch(2, "r1", In, Noon.AddHours(-3))));
        Assert.Equal([new Evacuee("r1", Noon.AddHours(-3))], Roster(Touch(1, "r1", In, Noon.AddHours(-3)), Touch(2, "r1", In, Noon.AddHours(-1))));
    }

    [Fact]
    public void A_late_check_in_older_than_the_check_out_does_not_bring_the_person_back()
    {
        Assert.Empty(Roster(
            Touch(1, "r1", In, Noon.AddHours(-5)),
            Touch(2, "r1", Out, Noon.AddHours(-1)),
            Touch(3, "r1", In, Noon.AddHours(-2))));
    }

    [Fact]
    public void A_late_check_out_older_than_a_newer_check_in_does_not_take_the_person_out()
    {
        var roster = Roster(
            Touch(1, "r1", In, Noon.AddHours(-5)),
            Touch(2, "r1", Out, Noon.AddHours(-4)),
            Touch(3, "r1", In, Noon.AddHours(-1)),
            Touch(4, "r1", Out, Noon.AddHours(-2)),
            // Older than the late check-out: it belongs to a stay that had ended, not to this one.
            Touch(5, "r1", In, Noon.AddHours(-3)));

        Assert.Equal([new Evacuee("r1", Noon.AddHours(-1))], roster);
    }

    [Fact]
    public void A_check_in_after_the_check_out_starts_a_new_stay()
    {
        var roster = Roster(
            Touch(1, "r1", In, Noon.AddHours(-5)),
            Touch(2, "r1", Out, Noon.AddHours(-4)),
            Touch(3, "r1", In, Noon.AddHours(-1)));

        Assert.Equal([new Evacuee("r1", Noon.AddHours(-1))], roster);
    }

    [Fact]
    public void Touches_at_or_below_the_last_applied_sequence_number_are_ignored()
    {
        var state = new ShelterRosterState();
        Assert.Equal(2, ShelterRosterRules.Apply(state, [Touch(1, "r1", In, Noon.AddHours(-2)), Touch(2, "r2", In, Noon.AddHours(-1))], Noon));

        // A redelivered batch, overlapping the next one: only seq 3 is new.
        var applied = ShelterRosterRules.Apply(state,
            [Touch(1, "r1", Out, Noon), Touch(2, "r2", Out, Noon), Touch(3, "r3", In, Noon)], Noon);

        Assert.Equal(1, applied);
        Assert.Equal(3, state.LastSeq);
        Assert.Equal(["r1", "r2", "r3"], ShelterRosterRules.Evacuees(state).Select(e => e.ResidentId));
    }

    [Fact]
    public void People_who_left_are_forgotten_after_the_upload_window_but_people_inside_never()
    {
        var state = new ShelterRosterState();
        ShelterRosterRules.Apply(state,
        [
            Touch(1, "stays", In, Noon.AddDays(-30)),
            Touch(2, "left", In, Noon.AddDays(-6)),
            Touch(3, "left", Out, Noon.AddDays(-5)),
        ], Noon);
        Assert.Equal(["stays", "left"], state.People.Keys);

        ShelterRosterRules.Apply(state, [Touch(4, "other", In, Noon.AddDays(5))], Noon.AddDays(5));

        // Five days on, "left" touched last ten days ago: no upload can come that old any more.
        Assert.Equal(["other", "stays"], state.People.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["stays", "other"], ShelterRosterRules.Evacuees(state).Select(e => e.ResidentId));
    }

    [Fact]
    public void A_person_who_left_is_remembered_within_the_window_so_a_late_check_in_stays_ignored()
    {
        var state = new ShelterRosterState();
        ShelterRosterRules.Apply(state, [Touch(1, "r1", In, Noon.AddDays(-3)), Touch(2, "r1", Out, Noon.AddDays(-2))], Noon);
        ShelterRosterRules.Apply(state, [Touch(3, "r2", In, Noon)], Noon.AddDays(4));

        ShelterRosterRules.Apply(state, [Touch(4, "r1", In, Noon.AddDays(-2).AddHours(-1))], Noon.AddDays(4));

        Assert.Equal(["r2"], ShelterRosterRules.Evacuees(state).Select(e => e.ResidentId));
    }

    [Fact]
    public void Other_outcomes_change_no_one()
    {
        Assert.Empty(Roster(Touch(1, "r1", "visit", Noon), Touch(2, "r2", "boarded", Noon)));
    }
}
