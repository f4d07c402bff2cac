using LoCoPi.ReaderClient.Card;

namespace LoCoPi.ReaderClient.Modes;

/// <summary>Where touches come from: a PC/SC reader or a script.</summary>
internal interface ICardSource
{
    /// <summary>Reports each touched card until cancelled or, for a finite script, until it ends.</summary>
    Task RunAsync(Func<CardReadResult, CancellationToken, Task> onCard, CancellationToken cancellationToken);
}
