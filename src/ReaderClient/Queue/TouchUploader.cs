using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Server;
using LoCoPi.Web.Validation;

namespace LoCoPi.ReaderClient.Queue;

/// <summary>
/// Drains the queue through <c>POST /api/v1/touches/batch</c> (at most 1,000 per request) whenever
/// the server is reachable, with exponential back-off while it is not. Rows leave the queue only
/// for an answered item: accepted, or refused with a 4xx problem (recorded); a 5xx item stays.
/// </summary>
internal sealed class TouchUploader(TouchQueue queue, LocoPiApi api, IFeedback feedback, TimeProvider time) : IDisposable
{
    public const int MaxBatch = 1000;

    private static readonly TimeSpan s_idleCheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly HashSet<string> _claimed = [];

    // Held from reading the queue until the claimed rows are filtered out. A live send that ends in
    // between removes its row and drops its claim; without this gate the uploader's older read would
    // still hold the row, find no claim, and send the touch a second time.
    private readonly SemaphoreSlim _peekGate = new(1, 1);

    /// <summary>Asks for an upload attempt now (a touch just failed to go out, or the operator asked).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake; one pending wake is enough.
        }
    }

    /// <summary>Keeps the uploader away from a touch that is being sent live.</summary>
    public IDisposable Claim(string touchId)
    {
        lock (_claimed)
        {
            _claimed.Add(touchId);
        }

        return new Release(this, touchId);
    }

    public void Dispose()
    {
        _wake.Dispose();
        _peekGate.Dispose();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            var outcome = await UploadOnceAsync(cancellationToken);
            if (outcome == Progress.Failed)
            {
                await WaitAsync(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
                continue;
            }

            backoff = TimeSpan.FromSeconds(1);
            if (outcome == Progress.Empty)
            {
                await WaitAsync(s_idleCheck, cancellationToken);
            }
        }
    }

    private async Task<Progress> UploadOnceAsync(CancellationToken cancellationToken)
    {
        List<QueuedTouch> touches;
        await _peekGate.WaitAsync(cancellationToken);
        try
        {
            var peeked = await queue.PeekAsync(MaxBatch, cancellationToken);
            lock (_claimed)
            {
                touches = peeked.Where(t => !_claimed.Contains(t.TouchId)).ToList();
            }
        }
        finally
        {
            _peekGate.Release();
        }

        if (touches.Count == 0)
        {
            return Progress.Empty;
        }

        // Rows a client older than the refusal queued: deleted unsent, and not kept as rejected,
        // which would store the number once more.
        var refused = touches.Where(t => IndividualNumber.HasShape(t.CardId)).Select(t => t.TouchId).ToList();
        if (refused.Count > 0)
        {
            await queue.SettleAsync(refused, [], time.GetUtcNow());
            touches = touches.Where(t => !refused.Contains(t.TouchId)).ToList();
            if (touches.Count == 0)
            {
                return Progress.Sent;
            }
        }

        var batch = new TouchBatchRequest(touches.Select(t => new TouchRequest(t.TouchId, t.CardId, t.At)).ToList());
        if (await api.TouchBatchAsync(batch, cancellationToken) is not ApiResult<TouchBatchResponse>.Ok ok
            || ok.Body.Results.Count != touches.Count)
        {
            return Progress.Failed;
        }

        var accepted = new List<string>();
        var rejected = new List<RejectedTouch>();
        for (var i = 0; i < touches.Count; i++)
        {
            var problem = LocoPiApi.AsProblem(ok.Body.Results[i]);
            if (problem is null)
            {
                accepted.Add(touches[i].TouchId);
            }
            else if (LocoPiApi.IsFinal(problem.Status))
            {
                rejected.Add(new RejectedTouch(touches[i], problem.Status, problem.Code ?? "", problem.Detail ?? ""));
            }
        }

        await queue.SettleAsync(accepted, rejected, time.GetUtcNow());
        var answered = accepted.Count + rejected.Count;

        var remaining = await queue.CountPendingAsync(cancellationToken);
        feedback.Status(Messages.Uploaded(answered, (int)remaining));
        return answered == 0 ? Progress.Failed : Progress.Sent;
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(delay, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The delay passed without a wake: time for the next attempt.
        }
    }

    private enum Progress
    {
        Empty,
        Sent,
        Failed,
    }

    private sealed class Release(TouchUploader owner, string touchId) : IDisposable
    {
        public void Dispose()
        {
            // Waits out a read of the queue in progress (milliseconds): see _peekGate.
            owner._peekGate.Wait();
            try
            {
                lock (owner._claimed)
                {
                    owner._claimed.Remove(touchId);
                }
            }
            finally
            {
                owner._peekGate.Release();
            }
        }
    }
}
