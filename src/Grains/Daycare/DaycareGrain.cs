using LoCoPi.Grains.Interfaces.Daycare;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Daycare;

/// <summary>Stored state of <see cref="DaycareGrain"/>.</summary>
public sealed class DaycareState
{
    /// <summary>Child id → the guardians who drop off and pick up.</summary>
    public Dictionary<string, List<string>> Guardians { get; set; } = new(StringComparer.Ordinal);

    public List<PresentChild> Present { get; set; } = [];

    public long LastSeq { get; set; }
}

/// <summary>A nursery's attendance book; see <see cref="IDaycareGrain"/>.</summary>
public sealed class DaycareGrain : Grain<DaycareState>, IDaycareGrain
{
    public async Task EnrolAsync(string childId, string guardianId)
    {
        ArgumentException.ThrowIfNullOrEmpty(childId);
        ArgumentException.ThrowIfNullOrEmpty(guardianId);
        if (!State.Guardians.TryGetValue(childId, out var guardians))
        {
            State.Guardians[childId] = guardians = [];
        }

        if (guardians.Contains(guardianId))
        {
            return;
        }

        guardians.Add(guardianId);
        await WriteStateAsync();
    }

    public async Task<IReadOnlyList<string>> ApplyGuardianTouchAsync(GuardianTouch touch)
    {
        ArgumentNullException.ThrowIfNull(touch);
        var children = State.Guardians.Where(g => g.Value.Contains(touch.GuardianId)).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        if (touch.Seq <= State.LastSeq || children.Count == 0)
        {
            // Already applied (a redelivered batch), or not a guardian here: the alerts are deduped by
            // the inboxes, so the children are still named for them.
            return touch.Seq <= State.LastSeq ? children : [];
        }

        foreach (var child in children)
        {
            State.Present.RemoveAll(p => p.ChildId == child);
            if (touch.Outcome == TouchOutcomes.CheckedIn)
            {
                State.Present.Add(new PresentChild(child, touch.At));
            }
        }

        // The attendance and the dedupe mark commit together.
        State.LastSeq = touch.Seq;
        await WriteStateAsync();
        return children;
    }

    public Task<IReadOnlyList<PresentChild>> GetPresentAsync() => Task.FromResult<IReadOnlyList<PresentChild>>([.. State.Present]);
}
