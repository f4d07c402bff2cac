using System.Threading.Channels;
using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Configuration;
using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Queue;
using LoCoPi.ReaderClient.Server;

namespace LoCoPi.ReaderClient.Modes;

/// <summary>Composes queue, uploader, server client and terminal around a card source, and runs them.</summary>
internal static class TerminalHost
{
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs until cancelled. A finite source (a script) ends the run once its touches have all
    /// left the queue, so a load run's exit means every touch reached the server.
    /// </summary>
    public static async Task<int> RunAsync(ClientOptions options, Func<IFeedback, ICardSource> createSource,
        IFeedback feedback, TimeProvider time, CancellationToken cancellationToken)
    {
        using var queue = await TouchQueue.OpenAsync(options.QueuePath, cancellationToken);
        using var api = new LocoPiApi(options.Server, options.Token, s_requestTimeout);
        using var uploader = new TouchUploader(queue, api, feedback, time);
        var terminal = new Terminal(options.Mode, new TouchSender(queue, api, uploader, time), api, feedback, time);
        var source = createSource(feedback);

        var pending = await queue.CountPendingAsync(cancellationToken);
        if (pending > 0)
        {
            feedback.Status($"未送信のタッチが {pending} 件あります。送信します");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var uploading = uploader.RunAsync(stop.Token);
        var cards = Channel.CreateBounded<CardReadResult>(new BoundedChannelOptions(16) { SingleReader = true });
        var reading = RunSourceAsync(source, cards.Writer, stop.Token);
        var handling = terminal.RunAsync(cards.Reader, stop.Token);
        try
        {
            var first = await Task.WhenAny(reading, handling, uploading);
            await first;
            if (first != reading)
            {
                return 1; // the terminal or the uploader stopped on its own: surface it, do not hang
            }

            await handling;

            // The script is over: stay until every queued touch is answered.
            while (await queue.CountPendingAsync(stop.Token) > 0)
            {
                uploader.Wake();
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, stop.Token);
            }

            feedback.Status("すべてのタッチを送信しました");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(reading, handling, uploading).ContinueWith(_ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task RunSourceAsync(ICardSource source, ChannelWriter<CardReadResult> cards, CancellationToken cancellationToken)
    {
        try
        {
            await source.RunAsync((card, token) => cards.WriteAsync(card, token).AsTask(), cancellationToken);
        }
        finally
        {
            cards.TryComplete();
        }
    }
}
