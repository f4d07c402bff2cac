namespace LoCoPi.ReaderClient.Feedback;

/// <summary>Tells the person at the terminal what happened.</summary>
internal interface IFeedback
{
    /// <summary>The result of a touch: a message and the sound of its class.</summary>
    Task ShowAsync(Outcome outcome, CancellationToken cancellationToken);

    /// <summary>A state of the terminal itself (reader missing, ready, reconnecting), shown without sound.</summary>
    void Status(string message);

    /// <summary>Asks the clerk for an amount in yen (pay and charge terminals).</summary>
    Task<long> AskAmountAsync(string question, CancellationToken cancellationToken);
}
