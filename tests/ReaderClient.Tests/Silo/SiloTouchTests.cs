using LoCoPi.ReaderClient.Tests.Infrastructure;
using LoCoPi.ReaderClient.Tests.Pcsc;
using LoCoPi.ReaderClient.Tests.VirtualCard;

namespace LoCoPi.ReaderClient.Tests.Silo;

/// <summary>End to end: virtual card → pcscd → reader client process → the real Silo process.</summary>
[Collection(RealPcscGroup.Name)]
public sealed class SiloTouchTests(PcscdFixture pcsc) : IDisposable
{
    private const string Tenant = "asahi";
    private readonly ReaderTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Inserting_the_card_gives_its_resident_exactly_one_touch_and_the_visit_points_at_the_Silo()
    {
        await using var silo = await SiloProcess.StartAsync();
        var token = await silo.RegisterTownAsync(Tenant, ["svc-hanako", "svc-taro"]);
        await using var client = ClientProcess.Start("pcsc", "--reader", PcscdFixture.ReaderName, "--server", silo.Url.ToString(),
            "--token", token, "--queue", _context.QueuePath);
        await client.WaitForAsync(Feedback.Messages.Ready);

        await using (var card = pcsc.NewCard(CardImage.MyNumberCard("svc-hanako")))
        {
            await card.InsertAsync(default);
            await client.WaitForAsync("✔");
        }

        await pcsc.WaitUntilReaderEmptyAsync();

        // Taro's touch arriving after Hanako's shows the reader moved on; a duplicate of hanako's would be in by now.
        await using (var card = pcsc.NewCard(CardImage.MyNumberCard("svc-taro")))
        {
            await card.InsertAsync(default);
            await client.WaitForAsync("✔", times: 2);
        }

        var hanako = await silo.GetAsync($"api/v1/tenants/{Tenant}/residents/r-svc-hanako");
        Assert.Equal(10, hanako["pointsBalance"]!.GetValue<long>());
        Assert.Single(hanako["recentTouches"]!.AsArray());
        var taro = await silo.GetAsync($"api/v1/tenants/{Tenant}/residents/r-svc-taro");
        Assert.Equal(10, taro["pointsBalance"]!.GetValue<long>());
        Assert.Empty(pcsc.Log.IndividualNumberAccesses());
    }
}
