namespace LoCoPi.Grains.Shelters;

/// <summary>Stored state of <see cref="ShelterRosterGrain"/>; the rules that move it are <see cref="ShelterRosterRules"/>.</summary>
public sealed class ShelterRosterState
{
    /// <summary>The last journal sequence number applied; anything at or below it is a redelivery.</summary>
    public long LastSeq { get; set; }

    /// <summary>Resident id → where they stand: everyone inside, and those who left within the upload window.</summary>
    public Dictionary<string, RosterPerson> People { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One person at the place. <see cref="Since"/> is set while they are inside. The last check-in and
/// check-out times (by when the card was touched) let a late offline upload be told from news.
/// </summary>
public sealed class RosterPerson
{
    /// <summary>When the current stay began (the earliest check-in of it); null when outside.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>The newest check-in applied.</summary>
    public DateTimeOffset? LastIn { get; set; }

    /// <summary>The newest check-out seen, applied or not.</summary>
    public DateTimeOffset? LastOut { get; set; }
}
