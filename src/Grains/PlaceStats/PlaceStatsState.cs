using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Touches;

namespace LoCoPi.Grains.PlaceStats;

/// <summary>
/// The durable counters of one place for its current tenant-local day, and the rules that move
/// them. Kept apart from the grain so the arithmetic is tested without a runtime.
/// </summary>
public sealed class PlaceStatsState
{
    /// <summary>The time zone used when no batch has named one yet.</summary>
    public const string DefaultTimeZoneId = TenantDefinition.DefaultTimeZone;

    /// <summary>The last journal sequence number applied; anything at or below it is a redelivery.</summary>
    public long LastSeq { get; set; }

    public string TimeZoneId { get; set; } = DefaultTimeZoneId;

    /// <summary>The tenant-local day the daily counters belong to; null before the first touch.</summary>
    public DateOnly? Date { get; set; }

    public long Touches { get; set; }

#pragma warning disable CA1819 // A plain array keeps the stored state small and serializer-friendly.
    public long[] ByHour { get; set; } = new long[24];
#pragma warning restore CA1819

    /// <summary>
    /// First arrivals today. A count, not a set of who came: the resident grain already decides the
    /// first visit of the day (<see cref="PlaceTouch.FirstVisitToday"/>), and a set would make every
    /// write of a busy place's counters grow with its visitors.
    /// </summary>
    public long Visits { get; set; }

    /// <summary>True once the place has seen a check-in or check-out: only then is <c>inside</c> shown.</summary>
    public bool HasEntryExit { get; set; }

    public HashSet<string> Inside { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Applies touches in sequence order; returns how many were new.</summary>
    public int Apply(PlaceTouchBatch batch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        TimeZoneId = batch.TimeZoneId;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        RollTo(LocalDate(now, zone));
        var applied = 0;
        foreach (var touch in batch.Touches)
        {
            if (touch.Seq <= LastSeq)
            {
                continue;
            }

            LastSeq = touch.Seq;
            applied++;
            ApplyOne(touch, zone);
        }

        return applied;
    }

    /// <summary>The counters as seen at <paramref name="now"/>: a past day reads as zeros.</summary>
    public PlaceStatsSnapshot ToSnapshot(string placeId, DateTimeOffset now)
    {
        var today = LocalDate(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));
        long? inside = HasEntryExit ? Inside.Count : null;
        if (Date is not { } date || date < today)
        {
            return new PlaceStatsSnapshot(placeId, today, 0, 0, inside, new long[24], LastSeq);
        }

        return new PlaceStatsSnapshot(placeId, date, Touches, Visits, inside, [.. ByHour], LastSeq);
    }

    private void ApplyOne(PlaceTouch touch, TimeZoneInfo zone)
    {
        // Entry and exit track people, not days: an evacuee checked in last night is still inside.
        switch (touch.Outcome)
        {
            case TouchOutcomes.CheckedIn:
                HasEntryExit = true;
                Inside.Add(touch.ResidentId);
                break;
            case TouchOutcomes.CheckedOut:
                HasEntryExit = true;
                Inside.Remove(touch.ResidentId);
                break;
        }

        var local = TimeZoneInfo.ConvertTime(touch.TouchedAt, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        RollTo(date);
        if (date != Date)
        {
            // A late upload (reader was offline) for a day already closed: today's counters stay today's.
            return;
        }

        Touches++;
        ByHour[local.Hour]++;
        if (touch.FirstVisitToday)
        {
            Visits++;
        }
    }

    private void RollTo(DateOnly date)
    {
        if (Date is { } current && current >= date)
        {
            return;
        }

        Date = date;
        Touches = 0;
        ByHour = new long[24];
        Visits = 0;
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
