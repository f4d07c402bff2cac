namespace LoCoPi.Grains.Interfaces.PlaceStats;

/// <summary>
/// Told of every place snapshot the "place-stats" subscriber produces, after the grain committed
/// it. The web layer implements it to push live counters; it must return at once (coalesce, never
/// do I/O inline), because it runs on the journal delivery path.
/// </summary>
public interface IPlaceStatsListener
{
    void OnPlaceStatsChanged(string tenant, PlaceStatsSnapshot snapshot);
}
