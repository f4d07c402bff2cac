using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>Stored state of <see cref="WatchInboxGrain"/>.</summary>
public sealed class WatchInboxState
{
    /// <summary>Oldest first; at most <see cref="WatchInboxGrain.MaxAlerts"/>.</summary>
    public List<WatchAlert> Alerts { get; set; } = [];

    /// <summary>The highest journal sequence number stored: the dedupe mark.</summary>
    public long LastSeq { get; set; }

    public List<string> Watched { get; set; } = [];
}

/// <summary>
/// A family account's inbox; see <see cref="IWatchInboxGrain"/>. Alerts arrive through
/// <paramref name="writer"/>, which writes them here up to a second after they were pushed; until
/// then they are listed from its queue, so a page resuming after a missed push still finds them.
/// </summary>
public sealed class WatchInboxGrain(WatchInboxWriter writer) : Grain<WatchInboxState>, IWatchInboxGrain
{
    /// <summary>Alerts kept per account: weeks of a busy child's touches, bounded so state stays small.</summary>
    public const int MaxAlerts = 500;

    public async Task<IReadOnlyList<WatchAlert>> AddAlertsAsync(IReadOnlyList<WatchAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var fresh = new List<WatchAlert>();
        foreach (var alert in alerts.OrderBy(a => a.Seq))
        {
            if (IsNew(alert))
            {
                fresh.Add(alert);
                State.LastSeq = alert.Seq;
            }
        }

        if (fresh.Count == 0)
        {
            return [];
        }

        State.Alerts.AddRange(fresh);
        if (State.Alerts.Count > MaxAlerts)
        {
            State.Alerts.RemoveRange(0, State.Alerts.Count - MaxAlerts);
        }

        // Alerts and the mark commit together, so a redelivered batch is recognised after a crash.
        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
        return fresh;
    }

    public Task<IReadOnlyList<WatchAlert>> GetAlertsAsync(long afterSeq)
    {
        var pending = writer.Pending(Tenant, Key).Where(IsNew);
        return Task.FromResult<IReadOnlyList<WatchAlert>>([.. State.Alerts.Concat(pending).Where(a => a.Seq > afterSeq).OrderByDescending(a => a.Seq)]);
    }

    /// <summary>
    /// Journal delivery is at least once and in sequence order per tenant: anything below the mark
    /// was stored (and pushed) already. One event may alert about several people (a guardian's
    /// check-in for siblings), so at the mark the resident tells them apart.
    /// </summary>
    private bool IsNew(WatchAlert alert) => alert.Seq > State.LastSeq
        || (alert.Seq == State.LastSeq && !State.Alerts.Any(a => a.Seq == alert.Seq && a.ResidentId == alert.ResidentId));

    public async Task SetWatchedAsync(string residentId, bool watched)
    {
        ArgumentException.ThrowIfNullOrEmpty(residentId);
        if (State.Watched.Contains(residentId) == watched)
        {
            return;
        }

        if (watched)
        {
            State.Watched.Add(residentId);
        }
        else
        {
            State.Watched.Remove(residentId);
        }

        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
    }

    public Task<IReadOnlyList<string>> GetWatchedAsync() => Task.FromResult<IReadOnlyList<string>>([.. State.Watched]);
}
