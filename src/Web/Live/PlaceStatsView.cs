using System.Globalization;
using System.Text.Json.Serialization;
using LoCoPi.Grains.Interfaces.PlaceStats;

namespace LoCoPi.Web.Live;

/// <summary>
/// A place's counters on the wire: the body of <c>GET …/places/{p}/stats</c> and of the hub's
/// <c>placeStats</c> message. <see cref="Seq"/> is the journal sequence number of the last touch
/// included; a client keeps the largest it has seen per place and drops anything not larger.
/// </summary>
public sealed record PlaceStatsView(
    string TenantId,
    string PlaceId,
    string Date,
    long Seq,
    PlaceTodayCounts Today,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Inside,
    IReadOnlyList<HourTouches> ByHour)
{
    public static PlaceStatsView From(string tenantId, PlaceStatsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var byHour = new HourTouches[snapshot.ByHour.Count];
        for (var hour = 0; hour < byHour.Length; hour++)
        {
            byHour[hour] = new HourTouches(hour, snapshot.ByHour[hour]);
        }

        return new PlaceStatsView(
            tenantId, snapshot.PlaceId, snapshot.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), snapshot.Seq,
            new PlaceTodayCounts(snapshot.Touches, snapshot.Visits), snapshot.Inside, byHour);
    }
}

/// <summary>Today's totals: every touch, and distinct visiting residents.</summary>
public sealed record PlaceTodayCounts(long Touches, long Visits);

/// <summary>Touches in one tenant-local hour (0–23).</summary>
public sealed record HourTouches(int Hour, long Touches);
