namespace LoCoPi.Grains.Interfaces.Touches;

/// <summary>The outcomes a touch can have, as sent on the wire and stored in the journal.</summary>
public static class TouchOutcomes
{
    public const string Visit = "visit";
    public const string RepeatVisit = "repeat_visit";
    public const string Boarded = "boarded";
    public const string Alighted = "alighted";
    public const string CheckedIn = "checked_in";
    public const string CheckedOut = "checked_out";
}
