using System.Text;
using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Tests.Infrastructure;

namespace LoCoPi.ReaderClient.Tests.Silo;

/// <summary>
/// A newcomer following the demo's banner: the reader simulation command it prints is pasted as
/// printed (token, card list and all) against the demo Silo, and its touches arrive.
/// </summary>
public sealed class DemoSimulationTests
{
    private const string Printed = "dotnet run --project src/ReaderClient -- ";

    [Fact]
    public async Task The_reader_simulation_the_demo_banner_prints_runs_as_printed_and_its_touches_arrive()
    {
        await using var silo = await SiloProcess.StartAsync("--demo");
        await Deadline.WaitForAsync(() => silo.Output.Contains(Printed, StringComparison.Ordinal), TimeSpan.FromSeconds(120), "the demo's banner");
        var line = silo.Output.Split('\n').First(l => l.Contains(Printed, StringComparison.Ordinal));
        var arguments = ShellWords(line[(line.IndexOf(Printed, StringComparison.Ordinal) + Printed.Length)..]);
        Assert.Equal("simulate", arguments[0]);

        // The same program `dotnet run --project src/ReaderClient` runs, with exactly the printed arguments.
        await using var client = ClientProcess.Start([.. arguments]);
        Assert.Equal(0, await client.WaitForExitAsync(seconds: 90));
        Assert.Equal(0, client.Count(Messages.Offline));
        Assert.Equal(0, client.Count("✖"));

        // Each card of the printed list reached its resident at the library through the demo's
        // simulation reader; the demo's own driver marks its touches "demo-…", the client does not.
        var cards = File.ReadAllLines(arguments[arguments.IndexOf("--cards") + 1], Encoding.UTF8)
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.NotEmpty(cards);
        foreach (var card in cards)
        {
            var residentId = "r" + card["card-".Length..];
            var resident = await silo.GetAsync($"api/v1/tenants/asahi/residents/{residentId}");
            Assert.Contains(resident["recentTouches"]!.AsArray(), touch =>
                touch!["placeId"]!.GetValue<string>() == "library"
                && !touch["touchId"]!.GetValue<string>().StartsWith("demo-", StringComparison.Ordinal));
        }
    }

    /// <summary>Splits a command line as a POSIX shell would at spaces, keeping single-quoted words whole (the banner quotes a path with spaces).</summary>
    private static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in command.Trim())
        {
            if (c == '\'')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
