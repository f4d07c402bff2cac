using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Queue;
using LoCoPi.ReaderClient.Tests.Infrastructure;
using LoCoPi.ReaderClient.Tests.VirtualCard;
using Xunit.Abstractions;

namespace LoCoPi.ReaderClient.Tests.Pcsc;

/// <summary>The offline promise, with real processes: accepted locally, killed, restarted, delivered once.</summary>
[Collection(RealPcscGroup.Name)]
public sealed class OfflineQueueTests(PcscdFixture pcsc, ITestOutputHelper output) : IDisposable
{
    private readonly ReaderTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Mark(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0}s {what}");

    [Fact]
    public async Task Touches_taken_while_the_server_is_down_survive_killed_clients_and_arrive_exactly_once()
    {
        await using var server = new RecordingServer(); // not started: the server is down

        await using (var reader = ClientProcess.Start(_context.PcscArguments(server.Url)))
        {
            await reader.WaitForAsync(Messages.Ready);
            await using var card = pcsc.NewCard(CardImage.MyNumberCard("svc-offline"));
            await card.InsertAsync(default);
            await reader.WaitForAsync(Messages.Offline);
            await reader.KillAsync();
        }

        Mark("pc/sc touch queued");
        await pcsc.WaitUntilReaderEmptyAsync();
        var script = Path.Combine(_context.Directory, "cards.txt");
        var simulated = Enumerable.Range(1, 99).Select(i => $"sim-{i:D3}").ToList();
        await File.WriteAllLinesAsync(script, simulated);
        await using (var simulator = ClientProcess.Start("simulate", "--cards", script, "--rate", "100",
            "--server", server.Url.ToString(), "--token", RecordingServer.Token, "--queue", _context.QueuePath))
        {
            await simulator.WaitForAsync(Messages.Offline, times: 99, seconds: 60);
            await simulator.KillAsync();
        }

        Mark("simulated touches queued");
        Assert.Equal(100, await PendingAsync());
        Assert.Equal(0, server.Received);

        await server.StartAsync();
        await using var restarted = ClientProcess.Start(_context.PcscArguments(server.Url));
        await Deadline.WaitForAsync(async () => await PendingAsync() == 0, TimeSpan.FromSeconds(60), "the queue to drain");

        Mark("drained");
        Assert.Equal(100, server.Accepted.Count);
        Assert.Equal(100, server.Received);
        Assert.Equal(simulated.Append("svc-offline").Order(StringComparer.Ordinal), server.Accepted.Values.Order(StringComparer.Ordinal));
        Assert.Empty(pcsc.Log.IndividualNumberAccesses());
    }

    private async Task<long> PendingAsync()
    {
        using var queue = await TouchQueue.OpenAsync(_context.QueuePath, default);
        return await queue.CountPendingAsync(default);
    }
}
