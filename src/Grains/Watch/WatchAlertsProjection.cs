using System.Collections.Concurrent;
using LoCoPi.Grains.Interfaces.Daycare;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>
/// The durable journal subscriber "watch-alerts": every committed touch of a watched resident
/// (and every inactivity notice) becomes an alert pushed to the listeners and kept in each linked family account's inbox.
/// Inactivity notices also go onto the town staff's list, which the resident's next touch clears.
/// Alerts are pushed at once and written to the inboxes behind (<see cref="WatchInboxWriter"/>); the
/// stored cursor stays before any alert not yet in its inbox and the inboxes skip sequence numbers
/// they hold, so a crash between commit and push delays an alert but never loses it or stores it
/// twice; a push repeated after a crash carries the same seq, which clients drop.
/// </summary>
public sealed class WatchAlertsProjection(
    IGrainFactory grainFactory,
    IGrainSerializer serializer,
    WatchInboxWriter inboxes,
    IEnumerable<IWatchAlertListener> listeners,
    IEnumerable<IStaffInactivityListener> staffListeners) : IWriteBehindJournalObserver
{
    /// <summary>The durable subscriber name; its cursor is stored per tenant.</summary>
    public const string SubscriberName = "watch-alerts";

    private readonly IWatchAlertListener[] _listeners = [.. listeners];
    private readonly StaffInactivityFeed _staff = new(grainFactory, staffListeners);

    // Per tenant, the highest seq pushed by this process. Tenants are delivered one batch at a time;
    // concurrent only so that nothing breaks should a caller ever deliver outside that turn.
    private readonly ConcurrentDictionary<string, long> _pushedUpTo = new(StringComparer.Ordinal);

    public async Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var events = new List<WatchedEvent>();
        var notices = new List<(long Seq, WatchInactivityNoticed Notice)>();
        var touches = new List<(long Seq, string ResidentId, DateTimeOffset At)>();
        foreach (var committed in batch)
        {
            if (committed.Is<TouchRecorded>())
            {
                var touch = committed.Deserialize<TouchRecorded>(serializer);
                events.Add(new WatchedEvent(committed.Seq, touch.ResidentId, touch.PlaceId, touch.Outcome, touch.TouchedAt, touch.TouchId));
                touches.Add((committed.Seq, touch.ResidentId, touch.TouchedAt));
                foreach (var child in await DaycareChildrenAsync(committed.Tenant, committed.Seq, touch))
                {
                    events.Add(new WatchedEvent(committed.Seq, child, touch.PlaceId, touch.Outcome, touch.TouchedAt, touch.TouchId));
                }
            }
            else if (committed.Is<WatchInactivityNoticed>())
            {
                var quiet = committed.Deserialize<WatchInactivityNoticed>(serializer);
                events.Add(new WatchedEvent(committed.Seq, quiet.ResidentId, null, WatchAlertKinds.Inactivity, quiet.NoticedAt, null));
                notices.Add((committed.Seq, quiet));
            }
        }

        if (events.Count == 0)
        {
            return;
        }

        var tenant = batch[0].Tenant;
        await _staff.ApplyAsync(tenant, notices, touches);
        // Links are read on every batch (they live in memory in their grain), so an unlinked
        // account stops receiving alerts from the next batch on.
        var residents = events.Select(e => e.ResidentId).Distinct(StringComparer.Ordinal).ToArray();
        var links = await Task.WhenAll(residents.Select(r => grainFactory.GetGrain<IWatchLinksGrain>(tenant, r).GetLinksAsync()));
        var watchers = residents.Zip(links).Where(p => p.Second.Count > 0).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        if (watchers.Count == 0)
        {
            return;
        }

        // Names for the alerts, all asked at once: one by one, each call waited its turn behind the
        // resident's touches in flight, and a batch of hundreds of residents took that many turns.
        var watchedResidents = watchers.Keys.ToArray();
        var placeIds = events.Where(e => e.PlaceId is not null && watchers.ContainsKey(e.ResidentId))
            .Select(e => e.PlaceId!).Distinct(StringComparer.Ordinal).ToArray();
        var residentNames = Task.WhenAll(watchedResidents.Select(r => grainFactory.GetGrain<IResidentGrain>(tenant, r).GetDisplayNameAsync()));
        var placeViews = Task.WhenAll(placeIds.Select(p => grainFactory.GetGrain<IPlaceGrain>(tenant, p).GetAsync()));
        var names = watchedResidents.Zip(await residentNames).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var placeNames = placeIds.Zip(await placeViews, (p, v) => (p, v?.Name)).ToDictionary(p => p.p, p => p.Name, StringComparer.Ordinal);

        var byAccount = new Dictionary<string, List<WatchAlert>>(StringComparer.Ordinal);
        foreach (var watched in events)
        {
            if (!watchers.TryGetValue(watched.ResidentId, out var accountLinks))
            {
                continue;
            }

            var placeName = watched.PlaceId is { } placeId ? placeNames[placeId] : null;
            var alert = new WatchAlert(
                watched.ResidentId, names[watched.ResidentId], watched.PlaceId ?? "", placeName, watched.Kind, watched.At, watched.Seq, watched.TouchId);
            foreach (var link in accountLinks)
            {
                if (!byAccount.TryGetValue(link.AccountId, out var list))
                {
                    byAccount[link.AccountId] = list = [];
                }

                list.Add(alert);
            }
        }

        // Pushed straight from the committed journal and queued for the inboxes, each seq once in
        // this process (a retried batch adds nothing); no storage commit is on the path from touch
        // to family. After a crash the batch comes again, is pushed again (pages drop what they hold
        // by seq) and its inbox writes skip what was stored.
        var pushedUpTo = _pushedUpTo.GetValueOrDefault(tenant);
        var fresh = new Dictionary<string, List<WatchAlert>>(StringComparer.Ordinal);
        foreach (var (account, alerts) in byAccount)
        {
            var unseen = alerts[0].Seq > pushedUpTo ? alerts : alerts.Where(a => a.Seq > pushedUpTo).ToList();
            if (unseen.Count > 0)
            {
                fresh[account] = unseen;
            }
        }

        // Queued before the pushes: a page that resumes after a missed push finds them in its inbox.
        await inboxes.EnqueueAsync(tenant, fresh);
        foreach (var (account, alerts) in fresh)
        {
            foreach (var listener in _listeners)
            {
                listener.OnAlerts(tenant, account, alerts);
            }
        }

        _pushedUpTo[tenant] = Math.Max(pushedUpTo, batch[^1].Seq);
    }

    public long DurableThrough(string tenant) => inboxes.DurableThrough(tenant);

    public Task FlushAsync(string tenant, CancellationToken cancellationToken) => inboxes.FlushAsync(tenant, cancellationToken);

    /// <summary>
    /// A guardian's check-in or check-out at a daycare place moves their children in the nursery's
    /// attendance book (in journal order) and becomes an alert about each child.
    /// </summary>
    private async Task<IReadOnlyList<string>> DaycareChildrenAsync(string tenant, long seq, TouchRecorded touch)
    {
        if (touch.Outcome is not (TouchOutcomes.CheckedIn or TouchOutcomes.CheckedOut))
        {
            return [];
        }

        var place = await grainFactory.GetGrain<IPlaceGrain>(tenant, touch.PlaceId).GetAsync();
        return place?.Kind != DaycarePlaces.Kind ? [] : await grainFactory.GetGrain<IDaycareGrain>(tenant, touch.PlaceId)
            .ApplyGuardianTouchAsync(new GuardianTouch(seq, touch.ResidentId, touch.Outcome, touch.TouchedAt));
    }

    /// <summary>A journal event that may become an alert: a touch, or inactivity (no place).</summary>
    private sealed record WatchedEvent(long Seq, string ResidentId, string? PlaceId, string Kind, DateTimeOffset At, string? TouchId);
}
