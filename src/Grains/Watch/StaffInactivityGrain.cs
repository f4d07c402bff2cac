using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>Stored state of <see cref="StaffInactivityGrain"/>.</summary>
public sealed class StaffInactivityState
{
    public List<InactiveResident> Inactive { get; set; } = [];

    /// <summary>The highest journal sequence number that changed the list: the dedupe mark.</summary>
    public long LastSeq { get; set; }
}

/// <summary>A tenant's list of quiet watched residents for the town staff; see <see cref="IStaffInactivityGrain"/>.</summary>
public sealed class StaffInactivityGrain : Grain<StaffInactivityState>, IStaffInactivityGrain
{
    public async Task<IReadOnlyList<InactivityChange>> ApplyAsync(IReadOnlyList<InactivityChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var applied = new List<InactivityChange>();
        foreach (var change in changes.OrderBy(c => c.Seq))
        {
            // Journal delivery is at least once, in sequence order per tenant: a change at or below
            // the mark was applied (and pushed) before a crash.
            if (change.Seq <= State.LastSeq)
            {
                continue;
            }

            var index = State.Inactive.FindIndex(r => r.ResidentId == change.ResidentId);
            if (change.Notice is { } notice)
            {
                if (index >= 0)
                {
                    State.Inactive[index] = notice;
                }
                else
                {
                    State.Inactive.Add(notice);
                }
            }
            else if (index >= 0)
            {
                State.Inactive.RemoveAt(index);
            }
            else
            {
                continue;
            }

            State.LastSeq = change.Seq;
            applied.Add(change);
        }

        if (applied.Count > 0)
        {
            // The list and the mark commit together, so a redelivered batch is recognised after a crash.
            await WriteStateAsync();
        }

        return applied;
    }

    public Task<IReadOnlyList<InactiveResident>> GetInactiveAsync()
        => Task.FromResult<IReadOnlyList<InactiveResident>>([.. State.Inactive.OrderBy(r => r.LastSeenAt)]);
}
