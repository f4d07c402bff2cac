using System.Threading.Channels;
using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Configuration;
using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Modes;
using LoCoPi.ReaderClient.Queue;
using LoCoPi.ReaderClient.Server;
using LoCoPi.ReaderClient.Tests.Infrastructure;

namespace LoCoPi.ReaderClient.Tests.Queue;

/// <summary>
/// A card id shaped like the individual number stops at the terminal: it is never written to the
/// queue on disk and never sent, in touch, pay and charge mode alike (no PC/SC needed).
/// </summary>
public sealed class IndividualNumberRefusalTests : IAsyncLifetime
{
    private const string Number = "983205673214";

    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-refusal-").FullName;
    private readonly RecordingServer _server = new();
    private TouchQueue _queue = null!;

    private string QueuePath => Path.Combine(_directory, "queue.db");

    public async Task InitializeAsync()
    {
        _queue = await TouchQueue.OpenAsync(QueuePath, default);
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _queue.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_touch_with_an_individual_number_is_refused_before_it_is_queued_or_sent()
    {
        using var api = new LocoPiApi(_server.Url, RecordingServer.Token, TimeSpan.FromSeconds(10));
        using var uploader = new TouchUploader(_queue, api, new RecordingFeedback(), TimeProvider.System);

        var outcome = await new TouchSender(_queue, api, uploader, TimeProvider.System).TouchAsync(Number, default);

        Assert.Equal(new Outcome(OutcomeKind.Error, Messages.IndividualNumberRefused), outcome);
        Assert.Equal(0, _server.Received);
        Assert.Equal(0, await _queue.CountPendingAsync(default));
        Assert.Equal(0, await _queue.CountRejectedAsync(default));
        Assert.False(FileHolds(Number), "the queue database holds the number");
    }

    [Fact]
    public async Task A_queued_row_with_an_individual_number_from_an_older_client_is_deleted_unsent()
    {
        await _queue.EnqueueAsync(QueuedTouch.Create(Number, TimeProvider.System), default);
        await _queue.EnqueueAsync(QueuedTouch.Create("svc-1", TimeProvider.System), default);
        using var api = new LocoPiApi(_server.Url, RecordingServer.Token, TimeSpan.FromSeconds(10));
        using var uploader = new TouchUploader(_queue, api, new RecordingFeedback(), TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = uploader.RunAsync(stop.Token);

        await Deadline.WaitForAsync(async () => await _queue.CountPendingAsync(default) == 0, TimeSpan.FromSeconds(30), "the uploader");
        await stop.CancelAsync();
        await running.ContinueWith(_ => { });

        Assert.Equal(["svc-1"], _server.Accepted.Values);
        Assert.Equal(0, await _queue.CountRejectedAsync(default));
    }

    [Theory]
    [InlineData("pay")]
    [InlineData("charge")]
    public async Task A_payment_or_charge_with_an_individual_number_is_refused_before_it_is_sent(string terminalMode)
    {
        var mode = terminalMode == "pay" ? TerminalMode.Pay : TerminalMode.Charge;
        using var api = new LocoPiApi(_server.Url, RecordingServer.Token, TimeSpan.FromSeconds(10));
        using var uploader = new TouchUploader(_queue, api, new RecordingFeedback(), TimeProvider.System);
        var cards = Channel.CreateUnbounded<CardReadResult>();
        var clerk = new Clerk(() => cards.Writer.TryWrite(new CardReadResult.Read(Number)));
        var terminal = new Terminal(mode, new TouchSender(_queue, api, uploader, TimeProvider.System), api, clerk, TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var running = terminal.RunAsync(cards.Reader, stop.Token);
        var outcome = await clerk.Shown.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running.ContinueWith(_ => { });

        Assert.Equal(new Outcome(OutcomeKind.Error, Messages.IndividualNumberRefused), outcome);
        Assert.Empty(_server.Payments);
        Assert.Empty(_server.Charges);
    }

    [Fact]
    public async Task A_simulated_card_with_an_individual_number_is_refused_as_it_is_read()
    {
        var seen = new List<CardReadResult>();
        var source = new SimulatedCardSource([Number, "svc-2"], count: 2, rate: 0, new Random(1), new RecordingFeedback(), TimeProvider.System);

        await source.RunAsync((card, _) => { seen.Add(card); return Task.CompletedTask; }, default);

        Assert.Equal([new CardReadResult.IndividualNumberRefused(), new CardReadResult.Read("svc-2")], seen);
    }

    private bool FileHolds(string text)
    {
        var needle = System.Text.Encoding.ASCII.GetBytes(text);
        return Directory.EnumerateFiles(_directory).Any(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray().AsSpan().IndexOf(needle) >= 0;
        });
    }

    /// <summary>Enters 3,000 yen once, touches the card when the terminal is ready, and keeps what it shows.</summary>
    private sealed class Clerk(Action touchCard) : IFeedback
    {
        private int _asked;

        public TaskCompletionSource<Outcome> Shown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ShowAsync(Outcome outcome, CancellationToken cancellationToken)
        {
            Shown.TrySetResult(outcome);
            return Task.CompletedTask;
        }

        public void Status(string message)
        {
            if (message == Messages.Ready)
            {
                touchCard();
            }
        }

        public async Task<long> AskAmountAsync(string question, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _asked) == 1)
            {
                return 3000;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
