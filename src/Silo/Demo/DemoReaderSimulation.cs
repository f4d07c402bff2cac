using System.Globalization;
using System.Text;

namespace LoCoPi.Silo.Demo;

/// <summary>
/// A reader of the demo's library kept for a newcomer to drive by hand: the banner prints a
/// ready-to-paste <c>src/ReaderClient</c> <c>simulate</c> command with this reader's token (new at
/// every start: only its hash is stored, so an old one cannot be printed again) and a card list.
/// </summary>
internal static class DemoReaderSimulation
{
    public const string ReaderId = "demo-sim";
    public const string PlaceId = "library";
    public const string Mode = "visit";

    /// <summary>Touches the printed command makes, at <see cref="Rate"/> per second: done in ten seconds.</summary>
    public const int Count = 20;

    public const int Rate = 2;

    /// <summary>The first ten residents' cards; the first two are the ones the demo family watches, so /family lights up too.</summary>
    public static readonly IReadOnlyList<string> Cards = [.. Enumerable.Range(1, 10).Select(DemoSeeder.CardId)];

    /// <summary>
    /// Writes the card list the command reads (<c>--cards</c> takes a file, one ID a line) into
    /// <paramref name="folder"/>, beside the demo's database; returns its full path.
    /// </summary>
    public static string WriteCardsFile(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.GetFullPath(Path.Combine(folder, "demo-cards.txt"));
        File.WriteAllLines(path, ["# LoCoPi --demo: 朝日町のカード (rewritten at every start)", .. Cards], new UTF8Encoding(false));
        return path;
    }

    /// <summary>The command line, runnable from the repository's root; the queue sits beside the card list, not in the caller's folder.</summary>
    public static string Command(string server, string token, string cardsPath)
    {
        var queuePath = Path.Combine(Path.GetDirectoryName(cardsPath)!, "demo-reader-queue.db");
        return string.Create(CultureInfo.InvariantCulture,
            $"dotnet run --project src/ReaderClient -- simulate --server {server} --token {token} --cards {ShellQuote(cardsPath)} --queue {ShellQuote(queuePath)} --count {Count} --rate {Rate}");
    }

    // A path with a space or a quote (a home folder, a Windows-style name) must still paste as one word.
    private static string ShellQuote(string word)
        => word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
