using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Grains.Interfaces.Touches;

namespace LoCoPi.Grains.Shelters;

/// <summary>
/// The roster rules (DOMAIN.md "Shelters"): a check-in puts a person inside, a check-out takes them
/// out. Shelter readers upload late after an outage (up to 7 days), so touches arrive out of time
/// order and the same person may have been checked in twice:
/// <list type="bullet">
/// <item>a check-in of someone inside keeps the earliest time of the stay (the double check-in);</item>
/// <item>a check-in not after the person's newest check-out is stale and ignored (it belongs to a
/// stay that has already ended), so a late upload cannot bring back someone who left;</item>
/// <item>a check-out older than the person's newest check-in is ignored, so a late upload cannot
/// take out someone who came back; it is still remembered, so that an even older check-in that
/// arrives after it is recognised as stale too.</item>
/// </list>
/// Pure, so the rules are testable without a runtime.
/// </summary>
public static class ShelterRosterRules
{
    /// <summary>
    /// How long a person who left is remembered: beyond the 7 days an offline upload may lag, with a
    /// margin. Without forgetting, every person who ever passed through would stay in the state that
    /// each batch rewrites.
    /// </summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(9);

    /// <summary>
    /// Applies touches in journal order, skipping sequence numbers already applied (delivery is at
    /// least once), then forgets people who left long before <paramref name="now"/>. Returns how many
    /// touches were new.
    /// </summary>
    public static int Apply(ShelterRosterState state, IReadOnlyList<RosterTouch> touches, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(touches);
        var applied = 0;
        foreach (var touch in touches)
        {
            if (touch.Seq <= state.LastSeq)
            {
                continue;
            }

            state.LastSeq = touch.Seq;
            applied++;
            if (!state.People.TryGetValue(touch.ResidentId, out var person))
            {
                person = new RosterPerson();
            }

            ApplyOne(person, touch.Outcome, touch.TouchedAt);
            if (person.LastIn is not null || person.LastOut is not null)
            {
                state.People[touch.ResidentId] = person;
            }
        }

        if (applied > 0)
        {
            Forget(state, now);
        }

        return applied;
    }

    /// <summary>Moves one person for a check-in or check-out touched at <paramref name="at"/>; other outcomes change nothing.</summary>
    public static void ApplyOne(RosterPerson person, string outcome, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(person);
        switch (outcome)
        {
            case TouchOutcomes.CheckedIn:
                if (person.LastOut is { } lastOut && at <= lastOut)
                {
                    return;
                }

                person.Since = person.Since is { } since && since < at ? since : at;
                person.LastIn = person.LastIn is { } lastIn && lastIn > at ? lastIn : at;
                break;
            case TouchOutcomes.CheckedOut:
                if (person.LastOut is null || at > person.LastOut)
                {
                    person.LastOut = at;
                }

                if (person.LastIn is not { } newestIn || at >= newestIn)
                {
                    person.Since = null;
                }

                break;
        }
    }

    /// <summary>Forgets people outside whose last touch is older than <see cref="Memory"/>; people inside stay, however long.</summary>
    public static void Forget(ShelterRosterState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var oldest = now - Memory;
        foreach (var (residentId, person) in state.People.ToList())
        {
            var last = Max(person.LastIn, person.LastOut);
            if (person.Since is null && (last is null || last < oldest))
            {
                state.People.Remove(residentId);
            }
        }
    }

    /// <summary>The people inside, ordered by check-in time, then resident id (ordinal).</summary>
    public static IReadOnlyList<Evacuee> Evacuees(ShelterRosterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.People
            .Where(p => p.Value.Since is not null)
            .Select(p => new Evacuee(p.Key, p.Value.Since!.Value))
            .OrderBy(e => e.CheckedInAt)
            .ThenBy(e => e.ResidentId, StringComparer.Ordinal)];
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b)
        => a is null ? b : b is null ? a : a > b ? a : b;
}
