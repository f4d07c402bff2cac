using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Pcsc;

namespace LoCoPi.ReaderClient.Modes;

/// <summary>Touches from a real reader through pcsc-lite.</summary>
internal sealed class PcscCardSource(CardReaderLoop loop) : ICardSource
{
    public Task RunAsync(Func<CardReadResult, CancellationToken, Task> onCard, CancellationToken cancellationToken) =>
        loop.RunAsync(onCard, cancellationToken);
}
