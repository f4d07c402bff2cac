namespace LoCoPi.ReaderClient.Configuration;

/// <summary>Everything a terminal needs, resolved from arguments, then environment, then the config file.</summary>
internal sealed record ClientOptions(
    Uri Server,
    string Token,
    byte[] Aid,
    string QueuePath,
    TerminalMode Mode,
    string? SoundDirectory);

/// <summary>What the reader token is for: touches (visit, board, check-in…), payments or charges.</summary>
internal enum TerminalMode
{
    Touch,
    Pay,
    Charge,
}
