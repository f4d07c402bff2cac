namespace LoCoPi.ReaderClient.Card;

/// <summary>What reading a touched card gave.</summary>
internal abstract record CardReadResult
{
    private CardReadResult()
    {
    }

    /// <summary>Our application answered with a valid service ID.</summary>
    public sealed record Read(string ServiceId) : CardReadResult;

    /// <summary>The card has no application of ours (SELECT answered 6A82) or no service ID in it.</summary>
    public sealed record NotRegistered : CardReadResult;

    /// <summary>
    /// The service ID has the shape of the 12-digit individual number: refused here, so it is never
    /// sent, queued or shown. The value is deliberately not carried.
    /// </summary>
    public sealed record IndividualNumberRefused : CardReadResult;

    /// <summary>Our application answered, but its content is not a valid service ID.</summary>
    public sealed record Unreadable(string Reason) : CardReadResult;

    /// <summary>The card left the field (or stopped answering) during the read.</summary>
    public sealed record Removed : CardReadResult;
}
