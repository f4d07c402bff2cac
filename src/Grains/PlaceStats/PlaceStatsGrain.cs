using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.PlaceStats;

/// <summary>Keeps one place's daily counters; see <see cref="IPlaceStatsGrain"/>.</summary>
public sealed class PlaceStatsGrain : Grain<PlaceStatsState>, IPlaceStatsGrain
{
    public async Task<PlaceStatsSnapshot> ApplyTouchesAsync(PlaceTouchBatch batch)
    {
        var now = TimeProvider.GetUtcNow();
        if (State.Apply(batch, now) > 0)
        {
            // One write per batch: the counters and the dedupe mark (LastSeq) commit together, so a
            // redelivered batch after a crash is recognised and never counted twice.
            await WriteStateAsync();
        }

        return State.ToSnapshot(Key, now);
    }

    public Task<PlaceStatsSnapshot> GetSnapshotAsync()
        => Task.FromResult(State.ToSnapshot(Key, TimeProvider.GetUtcNow()));
}
