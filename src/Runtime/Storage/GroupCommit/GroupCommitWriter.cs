using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime.Storage.GroupCommit;

/// <summary>
/// The single writer loop of a provider: takes every queued write (up to the batch size), commits
/// them in one transaction, tells the commit listener, then answers the callers. One fsync per
/// batch instead of one per write is what lifts throughput by two orders of magnitude. The queue is
/// bounded: when the database falls behind, callers wait to enqueue (in order) rather than the
/// queue, and the memory of every waiting write, growing until the process dies.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<PendingWrite> _queue;
    private readonly Queue<PendingWrite> _deferred = new();
    private readonly JournalSequencer _sequencer = new();
    private readonly IBatchCommitter _committer;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private IJournalCommitListener? _listener;
    private Task? _loop;

    public GroupCommitWriter(IBatchCommitter committer, int maxBatchSize, int maxQueuedWrites, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedWrites, 1);
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(maxQueuedWrites)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _committer = committer;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
    }

    /// <summary>Writes waiting in the queue for a batch (not those being committed); never more than its capacity.</summary>
    internal int QueuedWrites => _queue.Reader.Count;

    public void SetCommitListener(IJournalCommitListener listener) => Volatile.Write(ref _listener, listener);

    /// <summary>Loads the journal heads and starts the loop; call once the schema exists.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return;
        }

        _sequencer.Load(await _committer.ReadJournalHeadsAsync(cancellationToken));
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public Task<GrainWriteResult> EnqueueAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.Validate();
        if (_loop is null)
        {
            throw new InvalidOperationException("The storage is not initialized: call InitializeAsync first.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<GrainWriteResult>(cancellationToken);
        }

        var pending = new PendingWrite(write, cancellationToken);
        return _queue.Writer.TryWrite(pending) ? pending.Task : EnqueueWhenRoomAsync(pending, cancellationToken);
    }

    /// <summary>The queue is full (or closed): wait for room; writers that wait are let in first come, first served.</summary>
    private async Task<GrainWriteResult> EnqueueWhenRoomAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The storage is disposed.");
        }

        return await pending.Task;
    }

    /// <summary>Stops taking writes and waits until every queued one is committed and answered.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_maxBatchSize);
        var keys = new HashSet<GrainStateKey>();
        var claims = new HashSet<(string Tenant, string Scope, string Key)>();
        while (_deferred.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            TakeBatch(batch, keys, claims);
            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    private void TakeBatch(
        List<PendingWrite> batch, HashSet<GrainStateKey> keys, HashSet<(string Tenant, string Scope, string Key)> claims)
    {
        batch.Clear();
        keys.Clear();
        claims.Clear();
        var deferredNow = _deferred.Count;
        while (batch.Count < _maxBatchSize)
        {
            PendingWrite? pending;
            if (deferredNow > 0)
            {
                pending = _deferred.Dequeue();
                deferredNow--;
            }
            // Many writes to one record would otherwise move the whole bounded queue into the
            // unbounded deferral queue: a batch's worth of deferred writes stops the taking.
            else if (_deferred.Count >= _maxBatchSize || !_queue.Reader.TryRead(out pending))
            {
                break;
            }

            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Cancel();
            }
            else if (keys.Contains(pending.Write.Key) || ClaimsOverlap(pending.Write, claims))
            {
                // Two writes to one record (or racing for one claim) in one batch would race each
                // other's check inside a single statement; the later one waits for the next batch.
                _deferred.Enqueue(pending);
            }
            else
            {
                keys.Add(pending.Write.Key);
                foreach (var claim in pending.Write.Claims ?? [])
                {
                    claims.Add((pending.Write.Key.Tenant, claim.Scope, claim.Key));
                }

                batch.Add(pending);
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var writes = new GrainStateWrite[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            writes[i] = batch[i].Write;
        }

        WriteOutcome[] outcomes;
        try
        {
            outcomes = await _committer.CommitBatchAsync(writes, _sequencer, CancellationToken.None);
            _sequencer.Commit();
        }
        catch (Exception batchError)
        {
            await RecoverAsync(batchError);
            // With the database down, retrying a thousand writes one by one would hold the queue
            // for a thousand timeouts: they all fail now and their callers decide.
            if (batch.Count == 1 || _committer.IsDatabaseFailure(batchError))
            {
                foreach (var pending in batch)
                {
                    pending.Fail(batchError);
                }

                return;
            }

            // One bad write must not sink the others: retry each alone.
            _logger.LogWarning(batchError, "Group commit of {Count} writes failed; retrying them one by one", batch.Count);
            var single = new List<PendingWrite>(1);
            foreach (var pending in batch)
            {
                single.Clear();
                single.Add(pending);
                await CommitAsync(single);
            }

            return;
        }

        Publish(outcomes);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Result is { } result)
            {
                batch[i].Succeed(result);
            }
            else if (outcomes[i].Conflict is { } existing)
            {
                batch[i].Fail(new IdempotencyClaimConflictException(existing));
            }
            else
            {
                batch[i].Fail(new InconsistentStateException(
                    $"Stale write to {Describe(batch[i].Write.Key)}: expected version " +
                    $"{batch[i].Write.ExpectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"));
            }
        }
    }

    private async Task RecoverAsync(Exception batchError)
    {
        _sequencer.Rollback();
        try
        {
            // The commit may have failed after the server applied it (a lost connection); the
            // stored heads are the only truth, so numbering resumes from them.
            _sequencer.Load(await _committer.ReadJournalHeadsAsync(CancellationToken.None));
        }
        catch (Exception reloadError)
        {
            _logger.LogError(reloadError, "Could not reload journal heads after a failed batch ({Error})", batchError.Message);
        }
    }

    private void Publish(WriteOutcome[] outcomes)
    {
        var listener = Volatile.Read(ref _listener);
        if (listener is null)
        {
            return;
        }

        var events = new List<CommittedEvent>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Result is { } result)
            {
                events.AddRange(result.Events);
            }
        }

        if (events.Count == 0)
        {
            return;
        }

        try
        {
            listener.OnCommitted(events);
        }
        catch (Exception listenerError)
        {
            // The batch is durable whatever the listener does; its subscribers catch up from the journal.
            _logger.LogError(listenerError, "The commit listener failed on {Count} events", events.Count);
        }
    }

    private static bool ClaimsOverlap(GrainStateWrite write, HashSet<(string Tenant, string Scope, string Key)> claims)
    {
        foreach (var claim in write.Claims ?? [])
        {
            if (claims.Contains((write.Key.Tenant, claim.Scope, claim.Key)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(GrainStateKey key) => $"{key.GrainType}/{key.Tenant}/{key.GrainKey}#{key.StateName}";
}
