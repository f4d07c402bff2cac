using LoCoPi.Grains.Interfaces.Daycare;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>
/// The durable journal subscriber "watch-alerts": every committed touch of a watched resident
/// (and every inactivity notice) becomes an alert in each linked family account's inbox, then listeners push what was new.
/// Inactivity notices also go onto the town staff's list, which the resident's next touch clears.
/// The cursor advances only after this returns and the inboxes skip sequence numbers they hold,
/// so a crash between commit and push delays an alert but never loses or doubles it.
/// </summary>
public sealed class WatchAlertsProjection(
    IGrainFactory grainFactory,
    IGrainSerializer serializer,
    IEnumerable<IWatchAlertListener> listeners,
    IEnumerable<IStaffInactivityListener> staffListeners) : IJournalObserver
{
    /// <summary>The durable subscriber name; its cursor is stored per tenant.</summary>
    public const string SubscriberName = "watch-alerts";

    private readonly IWatchAlertListener[] _listeners = [.. listeners];
    private readonly StaffInactivityFeed _staff = new(grainFactory, staffListeners);

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

        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var placeNames = new Dictionary<string, string?>(StringComparer.Ordinal);
        var byAccount = new Dictionary<string, List<WatchAlert>>(StringComparer.Ordinal);
        foreach (var watched in events)
        {
            if (!watchers.TryGetValue(watched.ResidentId, out var accountLinks))
            {
                continue;
            }

            if (!names.TryGetValue(watched.ResidentId, out var displayName))
            {
                displayName = names[watched.ResidentId] =
                    (await grainFactory.GetGrain<IResidentGrain>(tenant, watched.ResidentId).GetAsync())?.DisplayName;
            }

            string? placeName = null;
            if (watched.PlaceId is { } placeId && !placeNames.TryGetValue(placeId, out placeName))
            {
                placeName = placeNames[placeId] = (await grainFactory.GetGrain<IPlaceGrain>(tenant, placeId).GetAsync())?.Name;
            }

            var alert = new WatchAlert(watched.ResidentId, displayName, watched.PlaceId ?? "", placeName, watched.Kind, watched.At, watched.Seq, watched.TouchId);
            foreach (var link in accountLinks)
            {
                if (!byAccount.TryGetValue(link.AccountId, out var list))
                {
                    byAccount[link.AccountId] = list = [];
                }

                list.Add(alert);
            }
        }

        var stored = await Task.WhenAll(byAccount.Select(async pair =>
            (Account: pair.Key, Fresh: await grainFactory.GetGrain<IWatchInboxGrain>(tenant, pair.Key).AddAlertsAsync(pair.Value))));
        foreach (var (account, fresh) in stored)
        {
            if (fresh.Count == 0)
            {
                continue;
            }

            foreach (var listener in _listeners)
            {
                listener.OnAlerts(tenant, account, fresh);
            }
        }
    }

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
