namespace LoCoPi.Grains.Interfaces.PlaceStats;

/// <summary>
/// A place's counters for one tenant-local day.
/// <para><see cref="Visits"/> counts distinct residents whose touch today was a visit, a boarding or a
/// check-in (outcomes <c>visit</c>, <c>boarded</c>, <c>checked_in</c>); repeat visits, alightings
/// and check-outs are touches but not visits.</para>
/// <para><see cref="Inside"/> is the number of residents checked in and not yet checked out; it is
/// null for places that have never seen a check-in or check-out (no entry/exit readers) and, unlike
/// the daily counters, it carries over midnight (an evacuee stays in the shelter overnight).</para>
/// </summary>
/// <param name="PlaceId">The place.</param>
/// <param name="Date">The tenant-local day the counters belong to.</param>
/// <param name="Touches">Every committed touch at the place that day.</param>
/// <param name="Visits">Distinct visiting residents that day (see above).</param>
/// <param name="Inside">Residents inside now, or null without entry/exit readers.</param>
/// <param name="ByHour">Touches per tenant-local hour, always 24 entries (0–23).</param>
/// <param name="Seq">The journal sequence number of the last event included; larger is newer.</param>
public sealed record PlaceStatsSnapshot(
    string PlaceId, DateOnly Date, long Touches, long Visits, long? Inside, IReadOnlyList<long> ByHour, long Seq);
