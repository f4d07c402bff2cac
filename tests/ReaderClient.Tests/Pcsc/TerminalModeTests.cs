using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Tests.Infrastructure;
using LoCoPi.ReaderClient.Tests.VirtualCard;

namespace LoCoPi.ReaderClient.Tests.Pcsc;

/// <summary>Pay terminals, refusals and a missing reader or service, through the real PC/SC stack.</summary>
[Collection(RealPcscGroup.Name)]
public sealed class TerminalModeTests(PcscdFixture pcsc) : IDisposable
{
    private readonly ReaderTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task A_pay_terminal_asks_the_clerk_for_the_amount_then_charges_the_next_card_once()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start([.. _context.PcscArguments(server.Url), "--mode", "pay"]);
        await client.WaitForAsync(Messages.AskPayment);
        await client.TypeAsync("500");
        await client.WaitForAsync(Messages.Ready);

        await using var card = pcsc.NewCard(CardImage.MyNumberCard("svc-payer"));
        await card.InsertAsync(default);
        await client.WaitForAsync("500円 お支払いしました");
        await client.WaitForAsync(Messages.AskPayment, times: 2);

        var payment = Assert.Single(server.Payments.Values);
        Assert.Equal(("svc-payer", 500L), payment);
        Assert.Empty(server.Accepted);
        Assert.Empty(pcsc.Log.IndividualNumberAccesses());
    }

    [Fact]
    public async Task A_suspended_card_is_told_so()
    {
        await using var server = new RecordingServer();
        server.SuspendedCards.Add("svc-lost");
        await server.StartAsync();
        await using var client = ClientProcess.Start(_context.PcscArguments(server.Url));
        await client.WaitForAsync(Messages.Ready);

        await using var card = pcsc.NewCard(CardImage.MyNumberCard("svc-lost"));
        await card.InsertAsync(default);
        await client.WaitForAsync(Messages.Suspended);

        Assert.Empty(server.Accepted);
    }

    [Fact]
    public async Task Without_the_named_reader_the_terminal_says_so_and_keeps_running()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start("pcsc", "--reader", "No Such Reader 00 00", "--server", server.Url.ToString(),
            "--token", RecordingServer.Token, "--queue", _context.QueuePath);

        await client.WaitForAsync(Messages.NoReader);

        // Still looking for the reader after several PnP waits, not crashed, and not repeating itself.
        await client.WaitForAsync("[pcsc] waiting for a reader", times: 3);
        Assert.False(client.HasExited);
        Assert.Equal(1, client.Count(Messages.NoReader));
    }

    [Fact]
    public async Task A_terminal_started_before_pcscd_waits_for_it_and_then_takes_touches()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await pcsc.StopAsync();
        ClientProcess? client = null;
        try
        {
            client = ClientProcess.Start(_context.PcscArguments(server.Url));
            await client.WaitForAsync(Messages.ServiceDown);
        }
        finally
        {
            await pcsc.StartAsync();
        }

        await using (client)
        {
            await client.WaitForAsync(Messages.Ready);
            await using var card = pcsc.NewCard(CardImage.MyNumberCard("svc-early"));
            await card.InsertAsync(default);
            await client.WaitForAsync("来館ポイント +10pt");
        }

        Assert.Equal(1, server.TouchesOf("svc-early"));
    }

    [Fact]
    public async Task A_charge_terminal_shows_the_servers_refusal_and_charges_a_valid_amount()
    {
        await using var server = new RecordingServer();
        await server.StartAsync();
        await using var client = ClientProcess.Start([.. _context.PcscArguments(server.Url), "--mode", "charge"]);
        await client.WaitForAsync(Messages.AskCharge);
        await client.TypeAsync("1500");
        await client.WaitForAsync(Messages.Ready);

        await using (var card = pcsc.NewCard(CardImage.MyNumberCard("svc-charger")))
        {
            await card.InsertAsync(default);
            await client.WaitForAsync("チャージは1,000円単位です");
        }

        await pcsc.WaitUntilReaderEmptyAsync();
        await client.WaitForAsync(Messages.AskCharge, times: 2);
        await client.TypeAsync("2000");
        await using (var card = pcsc.NewCard(CardImage.MyNumberCard("svc-charger")))
        {
            await card.InsertAsync(default);
            await client.WaitForAsync("2,000円 チャージしました");
        }

        Assert.Equal(("svc-charger", 2000L), Assert.Single(server.Charges.Values));
    }
}
