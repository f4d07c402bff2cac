using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Tests.Infrastructure;
using LoCoPi.ReaderClient.Tests.VirtualCard;

namespace LoCoPi.ReaderClient.Tests.Pcsc;

/// <summary>The client against pcscd + vpcd + a virtual card, talking to the in-test recording server.</summary>
[Collection(RealPcscGroup.Name)]
public sealed class CardTouchTests(PcscdFixture pcsc) : IDisposable
{
    private readonly ReaderTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Inserting_the_card_produces_exactly_one_touch_with_its_service_id()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start(_context.PcscArguments(server.Url));
        await client.WaitForAsync(Messages.Ready);

        await using (var card = pcsc.NewCard(CardImage.MyNumberCard("svc-0001")))
        {
            await card.InsertAsync(default);
            await client.WaitForAsync("来館ポイント +10pt");
        }

        await pcsc.WaitUntilReaderEmptyAsync();

        // A second card's touch arriving proves the reader moved on; had the first been sent twice, it would show by now.
        await using (var other = pcsc.NewCard(CardImage.MyNumberCard("svc-0002")))
        {
            await other.InsertAsync(default);
            await client.WaitForAsync("来館ポイント +10pt", times: 2);
        }

        Assert.Equal(1, server.TouchesOf("svc-0001"));
        Assert.Equal(1, server.TouchesOf("svc-0002"));
        Assert.Equal(2, server.Received);
        AssertPrivacyKept();
    }

    [Fact]
    public async Task A_card_put_down_right_after_another_was_lifted_is_read_too()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start(_context.PcscArguments(server.Url));
        await client.WaitForAsync(Messages.Ready);
        await using var first = pcsc.NewCard(CardImage.MyNumberCard("svc-first"));
        await first.InsertAsync(default);
        await client.WaitForAsync("来館ポイント +10pt");

        // No pause between the two: vpcd takes a card that connects within one pcscd poll of the
        // last one leaving for that same card, so the virtual card must wait as a person would.
        await first.RemoveAsync();
        await using var second = pcsc.NewCard(CardImage.MyNumberCard("svc-second"));
        await second.InsertAsync(default);
        await client.WaitForAsync("来館ポイント +10pt", times: 2);

        Assert.Equal(1, server.TouchesOf("svc-first"));
        Assert.Equal(1, server.TouchesOf("svc-second"));
        AssertPrivacyKept();
    }

    [Fact]
    public async Task A_card_without_our_application_is_told_it_is_not_registered()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start(_context.PcscArguments(server.Url));
        await client.WaitForAsync(Messages.Ready);

        await using var card = pcsc.NewCard(CardImage.MyNumberCard(serviceId: null));
        await card.InsertAsync(default);
        await client.WaitForAsync(Messages.NotRegistered);

        Assert.Equal(0, server.Received);
        Assert.False(client.HasExited);
        AssertPrivacyKept();
    }

    [Fact]
    public async Task A_card_the_server_does_not_know_is_told_it_is_not_registered()
    {
        await using var server = new RecordingServer();
        server.UnknownCards.Add("svc-stranger");
        await server.StartAsync();
        await using var client = ClientProcess.Start(_context.PcscArguments(server.Url));
        await client.WaitForAsync(Messages.Ready);

        await using var card = pcsc.NewCard(CardImage.MyNumberCard("svc-stranger"));
        await card.InsertAsync(default);
        await client.WaitForAsync(Messages.NotRegistered);

        Assert.Empty(server.Accepted);
        AssertPrivacyKept();
    }

    [Fact]
    public async Task Pulling_the_card_away_mid_read_asks_for_another_touch_and_the_next_touch_works()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start(_context.PcscArguments(server.Url));
        await client.WaitForAsync(Messages.Ready);

        await using (var card = pcsc.NewCard(CardImage.MyNumberCard("svc-pulled")))
        {
            card.PullOn = apdu => apdu[1] == 0xB0; // gone just as the service ID is read
            await card.InsertAsync(default);
            await client.WaitForAsync(Messages.CardRemoved);
            await card.Gone;
        }

        await pcsc.WaitUntilReaderEmptyAsync();

        await using (var again = pcsc.NewCard(CardImage.MyNumberCard("svc-pulled")))
        {
            await again.InsertAsync(default);
            await client.WaitForAsync("来館ポイント +10pt");
        }

        Assert.Equal(1, server.TouchesOf("svc-pulled"));
        Assert.False(client.HasExited);
        AssertPrivacyKept();
    }

    [Fact]
    public async Task Restarting_pcscd_is_survived_and_the_next_touch_works()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start(_context.PcscArguments(server.Url));
        await client.WaitForAsync(Messages.Ready);

        await pcsc.RestartAsync();
        await client.WaitForAsync(Messages.ServiceDown);
        await client.WaitForAsync(Messages.Ready, times: 2);

        await using var card = pcsc.NewCard(CardImage.MyNumberCard("svc-restart"));
        await card.InsertAsync(default);
        await client.WaitForAsync("来館ポイント +10pt");

        Assert.Equal(1, server.TouchesOf("svc-restart"));
        AssertPrivacyKept();
    }

    private void AssertPrivacyKept()
    {
        Assert.True(pcsc.Log.Count > 0, "the virtual cards received no APDU at all");
        Assert.Empty(pcsc.Log.IndividualNumberAccesses());
    }
}
