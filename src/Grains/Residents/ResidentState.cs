using LoCoPi.Grains.EventSourcing;
using LoCoPi.Grains.Interfaces.Touches;

namespace LoCoPi.Grains.Residents;

/// <summary>Stored state of <see cref="ResidentGrain"/>: everything a touch reads or changes, in one record.</summary>
public sealed class ResidentState : ISnapshotMarks
{
    public string? DisplayName { get; set; }

    public int? BirthYear { get; set; }

    public Dictionary<string, string> Attributes { get; set; } = [];

    public long PointsBalance { get; set; }

    /// <summary>
    /// The journal sequence number of the last of the resident's wallet movements (payments with their
    /// points, and charges, grants and refunds without) that is counted in <see cref="PointsBalance"/>.
    /// </summary>
    public long LastPaymentPointsSeq { get; set; }

    /// <summary>Card id → status, mirrored from the card grains.</summary>
    public Dictionary<string, string> Cards { get; set; } = [];

    /// <summary>Place id → tenant-local days with a rewarded visit (the last few days only).</summary>
    public Dictionary<string, List<DateOnly>> VisitDays { get; set; } = [];

    /// <summary>The boarding the next alighting pairs with.</summary>
    public Boarding? LastBoarding { get; set; }

    /// <summary>
    /// Of the resident's <see cref="TouchRecorded"/> events, the newest this stored record includes
    /// (<see cref="ISnapshotMarks"/>): a touch appends its event without storing the record.
    /// </summary>
    public long? EventsThroughSeq { get; set; }

    public int EventsInStoringWrite { get; set; }

    /// <summary>Touch id → body hash and result, kept for <see cref="ResidentGrain.AppliedTouchRetention"/>.</summary>
    public Dictionary<string, AppliedTouch> AppliedTouches { get; set; } = [];
}

public sealed record Boarding(string PlaceId, DateTimeOffset At);

/// <summary>What a retry must get back, and the hash that tells a retry from a conflicting reuse.</summary>
public sealed record AppliedTouch(string BodyHash, TouchResult Result, DateTimeOffset AppliedAt);
