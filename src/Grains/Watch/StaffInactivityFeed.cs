using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>
/// The staff side of the "watch-alerts" subscriber: inactivity notices put a resident on the town
/// staff's list, and their next touch takes them off, in journal order. Only touches of residents
/// on the list reach the list's grain, so a busy journal costs one dictionary look-up per touch.
/// </summary>
internal sealed class StaffInactivityFeed(IGrainFactory grainFactory, IEnumerable<IStaffInactivityListener> listeners)
{
    private readonly IStaffInactivityListener[] _listeners = [.. listeners];

    // Per tenant, who is on the list, as the grain answered. The subscriber calls one batch at a
    // time, so no locking; a failed call drops the tenant's copy and it is read again.
    private readonly Dictionary<string, HashSet<string>> _onList = new(StringComparer.Ordinal);

    /// <summary>Applies a batch's notices and touches (each with its sequence number) to the tenant's list.</summary>
    public async Task ApplyAsync(
        string tenant,
        IReadOnlyList<(long Seq, WatchInactivityNoticed Notice)> notices,
        IReadOnlyList<(long Seq, string ResidentId, DateTimeOffset At)> touches)
    {
        if (notices.Count == 0 && _onList.TryGetValue(tenant, out var known) && !touches.Any(t => known.Contains(t.ResidentId)))
        {
            return;
        }

        var grain = grainFactory.GetGrain<IStaffInactivityGrain>(tenant, IStaffInactivityGrain.TownKey);
        if (!_onList.TryGetValue(tenant, out var onList))
        {
            onList = [.. (await grain.GetInactiveAsync()).Select(r => r.ResidentId)];
            _onList[tenant] = onList;
        }

        var changes = new List<InactivityChange>();
        foreach (var (seq, notice) in notices)
        {
            changes.Add(new InactivityChange(seq, notice.ResidentId, await ToInactiveAsync(tenant, seq, notice), notice.NoticedAt));
        }

        var noticed = notices.Select(n => n.Notice.ResidentId).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(touches
            .Where(t => onList.Contains(t.ResidentId) || noticed.Contains(t.ResidentId))
            .Select(t => new InactivityChange(t.Seq, t.ResidentId, null, t.At)));
        if (changes.Count == 0)
        {
            return;
        }

        IReadOnlyList<InactivityChange> applied;
        try
        {
            applied = await grain.ApplyAsync(changes);
        }
        catch (Exception)
        {
            _onList.Remove(tenant);
            throw;
        }

        foreach (var change in applied)
        {
            if (change.Inactive)
            {
                onList.Add(change.ResidentId);
            }
            else
            {
                onList.Remove(change.ResidentId);
            }
        }

        if (applied.Count > 0)
        {
            foreach (var listener in _listeners)
            {
                listener.OnInactivityChanged(tenant, applied);
            }
        }
    }

    private async Task<InactiveResident> ToInactiveAsync(string tenant, long seq, WatchInactivityNoticed notice)
    {
        var resident = await grainFactory.GetGrain<IResidentGrain>(tenant, notice.ResidentId).GetAsync();
        var place = notice.LastPlaceId is { } placeId ? await grainFactory.GetGrain<IPlaceGrain>(tenant, placeId).GetAsync() : null;
        return new InactiveResident(
            notice.ResidentId, resident?.DisplayName, notice.LastSeenAt, notice.LastPlaceId, place?.Name, notice.NoticedAt, seq);
    }
}
