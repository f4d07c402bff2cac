using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Feedback;

namespace LoCoPi.ReaderClient.Pcsc;

/// <summary>
/// Watches the PC/SC readers and reads each newly inserted card once. Survives every failure the
/// field produces: no reader (waits for one through the PnP pseudo-reader), a reader unplugged, a
/// card pulled away mid-read, and pcscd restarting (re-establishes the context with back-off).
/// </summary>
internal sealed class CardReaderLoop(
    string? readerName, ServiceIdReader cardReader, IFeedback feedback, TimeProvider time)
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);
    private static readonly bool s_trace = Environment.GetEnvironmentVariable("LOCOPI_PCSC_TRACE") == "1";

    public async Task RunAsync(Func<CardReadResult, CancellationToken, Task> onCard, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var lastStatus = "";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var context = PcscContext.Establish();
                using var cancel = cancellationToken.Register(context.Cancel);
                backoff = TimeSpan.FromMilliseconds(250);
                await WatchAsync(context, onCard, status => Say(status, ref lastStatus), cancellationToken);
            }
            catch (PcscException e)
            {
                // Any other PC/SC failure is treated like a lost service: start over with a fresh context rather than crash.
                Say(e.IsServiceLost ? Messages.ServiceDown : $"{Messages.ServiceDown} ({e.Message})", ref lastStatus);
                await DelayAsync(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
            }
        }
    }

    private void Say(string status, ref string lastStatus)
    {
        // Repeating the same status every poll would bury the touch outcomes.
        if (status != lastStatus)
        {
            lastStatus = status;
            feedback.Status(status);
        }
    }

    private async Task WatchAsync(PcscContext context, Func<CardReadResult, CancellationToken, Task> onCard,
        Action<string> status, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var readers = context.ListReaders().Where(r => readerName is null || r == readerName).ToList();
            if (readers.Count == 0)
            {
                status(Messages.NoReader);
                Trace("waiting for a reader");
                var pnp = new ReaderStatus(PcscConstants.PnpNotification);
                await Task.Run(() => context.WaitForChange([pnp], TimeSpan.Zero), cancellationToken);
                pnp.CurrentState = pnp.EventState;

                // Some drivers never raise PnP events, so the wait is bounded and the list re-read.
                await Task.Run(() => context.WaitForChange([pnp], s_pollInterval), cancellationToken);
                continue;
            }

            await WatchReadersAsync(context, readers, onCard, status, cancellationToken);
        }
    }

    private async Task WatchReadersAsync(PcscContext context, List<string> readers,
        Func<CardReadResult, CancellationToken, Task> onCard, Action<string> status, CancellationToken cancellationToken)
    {
        var statuses = readers.Select(r => new ReaderStatus(r)).Append(new ReaderStatus(PcscConstants.PnpNotification)).ToList();
        var present = new bool[readers.Count];
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = await Task.Run(() => context.WaitForChange(statuses, first ? TimeSpan.Zero : s_pollInterval), cancellationToken);
            if (!changed)
            {
                continue;
            }

            if (!first && statuses[^1].Has(PcscConstants.StateChanged))
            {
                return; // a reader arrived or left: list again
            }

            for (var i = 0; i < readers.Count; i++)
            {
                var reader = statuses[i];
                Trace($"{reader.Name}: {reader.CurrentState:X8} -> {reader.EventState:X8}");
                if (reader.Has(PcscConstants.StateUnknown) || reader.Has(PcscConstants.StateUnavailable))
                {
                    return; // this reader was unplugged
                }

                var nowPresent = reader.Has(PcscConstants.StatePresent) && !reader.Has(PcscConstants.StateMute);
                if (nowPresent && !present[i])
                {
                    await onCard(ReadCard(context, reader.Name), cancellationToken);
                }

                present[i] = nowPresent;
                reader.CurrentState = reader.EventState & ~PcscConstants.StateChanged;
            }

            statuses[^1].CurrentState = statuses[^1].EventState & ~PcscConstants.StateChanged;
            if (first)
            {
                first = false;
                status(Messages.Ready);
            }
        }
    }

    /// <summary>LOCOPI_PCSC_TRACE=1 prints every reader state change to stderr, for field diagnosis.</summary>
    private static void Trace(string message)
    {
        if (s_trace)
        {
            Console.Error.WriteLine($"[pcsc] {message}");
        }
    }

    private CardReadResult ReadCard(PcscContext context, string reader)
    {
        try
        {
            using var card = context.Connect(reader);
            return cardReader.Read(card.Transmit);
        }
        catch (PcscException e) when (e.IsCardGone || e.Error is PcscError.SharingViolation or PcscError.ProtoMismatch)
        {
            return new CardReadResult.Removed();
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, time, cancellationToken).ContinueWith(_ => { }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
