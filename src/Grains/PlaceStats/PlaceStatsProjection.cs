using System.Collections.Concurrent;
using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.PlaceStats;

/// <summary>
/// The durable journal subscriber "place-stats": turns committed touches into place counters.
/// Each batch (one tenant, sequence order) is grouped by place and every place's grain gets one
/// call, so a busy place is fed in batches rather than one call per touch. The cursor advances
/// only after this returns, and the grains skip sequence numbers they have applied, so counters
/// rebuilt after a restart equal the committed touches exactly.
/// </summary>
public sealed class PlaceStatsProjection(
    IGrainFactory grainFactory,
    IGrainSerializer serializer,
    ITenantTimeZones timeZones,
    IEnumerable<IPlaceStatsListener> listeners) : IJournalObserver
{
    /// <summary>The durable subscriber name; its cursor is stored per tenant.</summary>
    public const string SubscriberName = "place-stats";

    /// <summary>Least time between two batches: the live hub pushes a place at most this often anyway.</summary>
    public static readonly TimeSpan DeliveryInterval = TimeSpan.FromMilliseconds(100);

    private readonly IPlaceStatsListener[] _listeners = [.. listeners];
    // Batches of different tenants may be delivered concurrently.
    private readonly ConcurrentDictionary<(string Tenant, string PlaceId), bool> _knownPlaces = new();

    public async Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var touchesByPlace = new Dictionary<string, List<PlaceTouch>>(StringComparer.Ordinal);
        foreach (var committed in batch)
        {
            if (!committed.Is<TouchRecorded>())
            {
                continue;
            }

            var touch = committed.Deserialize<TouchRecorded>(serializer);
            if (!touchesByPlace.TryGetValue(touch.PlaceId, out var list))
            {
                touchesByPlace[touch.PlaceId] = list = [];
            }

            list.Add(new PlaceTouch(committed.Seq, touch.ResidentId, touch.Outcome, touch.TouchedAt, touch.FirstVisitToday));
        }

        if (touchesByPlace.Count == 0)
        {
            return;
        }

        var tenant = batch[0].Tenant;
        var timeZoneId = await timeZones.GetTimeZoneIdAsync(tenant);
        await RegisterPlacesAsync(tenant, touchesByPlace.Keys);

        // Different places are different grains: feed them concurrently.
        var snapshots = await Task.WhenAll(touchesByPlace.Select(pair =>
            grainFactory.GetGrain<IPlaceStatsGrain>(tenant, pair.Key)
                .ApplyTouchesAsync(new PlaceTouchBatch(timeZoneId, pair.Value))));
        foreach (var snapshot in snapshots)
        {
            foreach (var listener in _listeners)
            {
                listener.OnPlaceStatsChanged(tenant, snapshot);
            }
        }
    }

    private async Task RegisterPlacesAsync(string tenant, IEnumerable<string> placeIds)
    {
        // The directory is written once per place per process, not once per batch.
        var fresh = placeIds.Where(id => !_knownPlaces.ContainsKey((tenant, id))).ToArray();
        if (fresh.Length == 0)
        {
            return;
        }

        await grainFactory.GetGrain<IPlaceStatsDirectoryGrain>(tenant, IPlaceStatsDirectoryGrain.Key).AddPlacesAsync(fresh);
        foreach (var id in fresh)
        {
            _knownPlaces[(tenant, id)] = true;
        }
    }
}
