using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.PlaceStats;

/// <summary>Typed calls to <see cref="IPlaceStatsGrain"/> without reflection on the call path.</summary>
public sealed class PlaceStatsGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IPlaceStatsGrain
{
    private static readonly GrainMethod ApplyTouches = new(nameof(IPlaceStatsGrain), nameof(ApplyTouchesAsync));
    private static readonly GrainMethod GetSnapshot = new(nameof(IPlaceStatsGrain), nameof(GetSnapshotAsync), readOnly: true);

    public Task<PlaceStatsSnapshot> ApplyTouchesAsync(PlaceTouchBatch batch)
        => InvokeAsync<IPlaceStatsGrain, PlaceTouchBatch, PlaceStatsSnapshot>(
            ApplyTouches, batch, static (grain, b) => grain.ApplyTouchesAsync(b));

    public Task<PlaceStatsSnapshot> GetSnapshotAsync()
        => InvokeAsync<IPlaceStatsGrain, int, PlaceStatsSnapshot>(
            GetSnapshot, 0, static (grain, _) => grain.GetSnapshotAsync());
}
