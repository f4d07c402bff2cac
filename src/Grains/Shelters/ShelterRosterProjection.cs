using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Shelters;

/// <summary>
/// The durable journal subscriber "shelter-rosters": turns committed check-ins and check-outs into
/// each place's roster of who is inside. Each batch (one tenant, sequence order) is grouped by place
/// and every place's roster gets one call. The cursor advances only after this returns, and the
/// rosters skip sequence numbers they have applied, so a roster rebuilt after a restart equals the
/// committed touches exactly.
/// </summary>
public sealed class ShelterRosterProjection(IGrainFactory grainFactory, IGrainSerializer serializer) : IJournalObserver
{
    /// <summary>The durable subscriber name; its cursor is stored per tenant.</summary>
    public const string SubscriberName = "shelter-rosters";

    /// <summary>Least time between two batches: a roster is written at most about this often per place.</summary>
    public static readonly TimeSpan DeliveryInterval = TimeSpan.FromMilliseconds(100);

    public async Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var touchesByPlace = new Dictionary<string, List<RosterTouch>>(StringComparer.Ordinal);
        foreach (var committed in batch)
        {
            if (!committed.Is<TouchRecorded>())
            {
                continue;
            }

            var touch = committed.Deserialize<TouchRecorded>(serializer);
            if (touch.Outcome is not (TouchOutcomes.CheckedIn or TouchOutcomes.CheckedOut))
            {
                continue;
            }

            if (!touchesByPlace.TryGetValue(touch.PlaceId, out var list))
            {
                touchesByPlace[touch.PlaceId] = list = [];
            }

            list.Add(new RosterTouch(committed.Seq, touch.ResidentId, touch.Outcome, touch.TouchedAt));
        }

        if (touchesByPlace.Count == 0)
        {
            return;
        }

        // Different places are different grains: feed them concurrently.
        var tenant = batch[0].Tenant;
        await Task.WhenAll(touchesByPlace.Select(pair =>
            grainFactory.GetGrain<IShelterRosterGrain>(tenant, pair.Key).ApplyTouchesAsync(pair.Value)));
    }
}
