using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Tests.Infrastructure;
using LoCoPi.ReaderClient.Tests.Pcsc;
using LoCoPi.ReaderClient.Tests.VirtualCard;

namespace LoCoPi.ReaderClient.Tests.Silo;

/// <summary>The offline promise end to end: the real Silo goes down, clients are killed, all touches land once.</summary>
[Collection(RealPcscGroup.Name)]
public sealed class SiloOfflineTests(PcscdFixture pcsc) : IDisposable
{
    private const string Tenant = "asahi";
    private readonly ReaderTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task A_hundred_touches_taken_while_the_Silo_is_down_are_counted_once_each_after_it_returns()
    {
        var simulated = Enumerable.Range(1, 99).Select(i => $"sim-{i:D3}").ToList();
        await using var silo = await SiloProcess.StartAsync();
        var token = await silo.RegisterTownAsync(Tenant, [.. simulated, "svc-offline"]);
        await silo.StopAsync();
        string[] common = ["--server", silo.Url.ToString(), "--token", token, "--queue", _context.QueuePath];

        await using (var reader = ClientProcess.Start(["pcsc", "--reader", PcscdFixture.ReaderName, .. common]))
        {
            await reader.WaitForAsync(Messages.Ready);
            await using var card = pcsc.NewCard(CardImage.MyNumberCard("svc-offline"));
            await card.InsertAsync(default);
            await reader.WaitForAsync(Messages.Offline);
            await reader.KillAsync();
        }

        await pcsc.WaitUntilReaderEmptyAsync();
        var script = Path.Combine(_context.Directory, "cards.txt");
        await File.WriteAllLinesAsync(script, simulated);
        await using (var simulator = ClientProcess.Start(["simulate", "--cards", script, "--rate", "100", .. common]))
        {
            await simulator.WaitForAsync(Messages.Offline, times: 99, seconds: 60);
            await simulator.KillAsync();
        }

        await silo.RestartAsync();
        await using var restarted = ClientProcess.Start(["pcsc", "--reader", PcscdFixture.ReaderName, .. common]);
        await restarted.WaitForAsync("残り 0 件", seconds: 60);

        // The Silo has no place counters yet, so count per resident: each card was touched once, each touch counted once.
        foreach (var card in simulated.Append("svc-offline"))
        {
            var resident = await silo.GetAsync($"api/v1/tenants/{Tenant}/residents/r-{card}");
            Assert.Single(resident["recentTouches"]!.AsArray());
            Assert.Equal(10, resident["pointsBalance"]!.GetValue<long>());
        }
    }
}
