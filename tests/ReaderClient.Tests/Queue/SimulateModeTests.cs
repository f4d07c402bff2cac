using LoCoPi.ReaderClient.Tests.Infrastructure;

namespace LoCoPi.ReaderClient.Tests.Queue;

/// <summary>The simulate mode as a process: random touches at a rate, and an exit only once all are delivered.</summary>
public sealed class SimulateModeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-simulate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Random_touches_at_a_rate_all_reach_the_server_before_the_simulator_exits()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var simulator = ClientProcess.Start("simulate", "--count", "40", "--rate", "50", "--seed", "7",
            "--server", server.Url.ToString(), "--token", RecordingServer.Token, "--queue", Path.Combine(_directory, "queue.db"));

        await simulator.WaitForAsync("すべてのタッチを送信しました", seconds: 60);
        await Deadline.WaitForAsync(() => simulator.HasExited, TimeSpan.FromSeconds(10), "the simulator to exit");

        Assert.Equal(40, server.Accepted.Count);
        Assert.Equal(40, server.Received);
        Assert.All(server.Accepted.Values, card => Assert.Matches("^sim-[0-9]{4}$", card));
    }
}
