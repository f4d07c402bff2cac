using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>Stored state of <see cref="WatchInboxGrain"/>.</summary>
public sealed class WatchInboxState
{
    /// <summary>The newest alerts, oldest first; at most <see cref="WatchInboxGrain.HeadSize"/> (older ones are in <see cref="Pages"/>).</summary>
    public List<WatchAlert> Alerts { get; set; } = [];

    /// <summary>Sealed pages of older alerts, oldest first; at most <see cref="WatchInboxGrain.MaxPages"/>.</summary>
    public List<InboxPageRef> Pages { get; set; } = [];

    /// <summary>The highest journal sequence number stored: the dedupe mark.</summary>
    public long LastSeq { get; set; }

    public List<string> Watched { get; set; } = [];
}

/// <summary>
/// A family account's inbox; see <see cref="IWatchInboxGrain"/>. Alerts arrive through
/// <paramref name="writer"/>, which writes them here up to a second after they were pushed; until
/// then they are listed from its queue, so a page resuming after a missed push still finds them.
/// </summary>
public sealed class WatchInboxGrain(WatchInboxWriter writer, IGrainStorage storage, IGrainSerializer serializer)
    : Grain<WatchInboxState>, IWatchInboxGrain
{
    /// <summary>
    /// Alerts kept per account, about 500: weeks of a busy child's touches (school gate twice a
    /// day, bus, library), enough for a family that looks in once a week or comes back from a trip.
    /// </summary>
    public const int MaxAlerts = HeadSize + (MaxPages * PageSize);

    /// <summary>
    /// The newest alerts kept in the inbox's own record, which every alert batch rewrites: bounded
    /// so that write stays small whatever the inbox holds (it once rewrote all 500, ~100 KB).
    /// </summary>
    public const int HeadSize = 40;

    /// <summary>Alerts sealed into one page when the head is full; the head then keeps the newest 20–40.</summary>
    public const int PageSize = 20;

    /// <summary>Pages kept (a ring of stored records); the oldest is overwritten.</summary>
    public const int MaxPages = 23;

    private readonly InboxPages _pages = new(storage, serializer);

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

        // Alerts and the mark commit together, so a redelivered batch is recognised after a crash.
        await SealAndWriteAsync();
        return fresh;
    }

    /// <summary>Seals the head's oldest alerts into pages while it is over size, then writes the inbox.</summary>
    private async Task SealAndWriteAsync()
    {
        try
        {
            // A sealed page is durable before the record that refers to it and drops its alerts.
            while (State.Alerts.Count > HeadSize)
            {
                var page = await _pages.SealAsync(GrainId, State.Pages, State.Alerts.GetRange(0, PageSize));
                State.Alerts.RemoveRange(0, PageSize);
                if (State.Pages.Count >= MaxPages)
                {
                    State.Pages.RemoveAt(0);
                }

                State.Pages.Add(page);
            }
        }
        catch
        {
            // The alerts added and pages sealed so far in this turn are not in the stored record.
            await DiscardUnstoredChangesAsync();
            throw;
        }

        await WriteStateAsync();
    }

    public async Task<IReadOnlyList<WatchAlert>> GetAlertsAsync(long afterSeq)
    {
        var pending = writer.Pending(Tenant, Key).Where(IsNew);
        var head = State.Alerts.Concat(pending).Where(a => a.Seq > afterSeq).OrderByDescending(a => a.Seq);
        if (State.Pages.Count == 0 || State.Pages[^1].LastSeq <= afterSeq)
        {
            return [.. head];
        }

        var older = await _pages.ReadAsync(GrainId, State.Pages, afterSeq);
        return [.. head.Concat(older.Where(a => a.Seq > afterSeq).OrderByDescending(a => a.Seq))];
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

        await WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetWatchedAsync() => Task.FromResult<IReadOnlyList<string>>([.. State.Watched]);
}
