namespace LoCoPi.Runtime.Storage.GroupCommit;

internal sealed partial class GroupCommitWriter
{
    /// <summary>A batch applied in an open transaction whose commit is under way.</summary>
    private sealed record InFlightBatch(
        List<PendingWrite> Batch, IPreparedBatch Prepared, Task Commit,
        HashSet<GrainStateKey> Keys, HashSet<(string Tenant, string Scope, string Key)> Claims);

    /// <summary>
    /// The writer loop for a provider that can execute one batch while the previous one commits.
    /// Batch N+1 is executed (its events numbered after N's) while N's commit is made durable; N+1
    /// commits only after N did, so the journal stays gap-free and in order, and the listener and
    /// callers hear of each batch in commit order. When N's commit fails, N+1 is rolled back and
    /// goes through the one-batch-at-a-time path after the heads are reloaded from the database.
    /// </summary>
    private sealed class PipelinedCommitLoop(GroupCommitWriter writer, IPipelinedBatchCommitter committer)
    {
        private List<PendingWrite> _batch = new(writer._maxBatchSize);
        private HashSet<GrainStateKey> _keys = [];
        private HashSet<(string Tenant, string Scope, string Key)> _claims = [];
        private InFlightBatch? _inFlight;

        public async Task RunAsync()
        {
            var queue = writer._queue.Reader;
            while (true)
            {
                if (writer._deferred.Count == 0 && !queue.TryPeek(out _))
                {
                    if (_inFlight is null)
                    {
                        if (!await queue.WaitToReadAsync())
                        {
                            return;
                        }
                    }
                    else
                    {
                        // Nothing to execute beside the commit: take whichever comes first.
                        var more = queue.WaitToReadAsync().AsTask();
                        if (await Task.WhenAny(_inFlight.Commit, more) == _inFlight.Commit || !await more)
                        {
                            await FinishInFlightAsync();
                        }

                        continue;
                    }
                }

                writer.TakeBatch(_batch, _keys, _claims, _inFlight);
                if (_batch.Count == 0)
                {
                    // Everything waiting touches the batch being committed.
                    await FinishInFlightAsync();
                    continue;
                }

                await ExecuteNextAsync();
            }
        }

        private async Task ExecuteNextAsync()
        {
            var writes = new GrainStateWrite[_batch.Count];
            for (var i = 0; i < _batch.Count; i++)
            {
                writes[i] = _batch[i].Write;
            }

            IPreparedBatch? prepared = null;
            try
            {
                prepared = await committer.ExecuteAsync(writes, writer._sequencer, CancellationToken.None);
            }
            catch (Exception)
            {
                // Nothing of it was applied (no commit was sent): it runs again below, the old way.
            }

            var aheadCommitted = await FinishInFlightAsync(behind: prepared);
            if (prepared is not null && aheadCommitted)
            {
                _inFlight = new InFlightBatch(_batch, prepared, prepared.CommitAsync(), _keys, _claims);
                _batch = new List<PendingWrite>(writer._maxBatchSize);
                _keys = [];
                _claims = [];
                return;
            }

            // The heads may count events that were never stored: reload them, then commit this batch
            // alone, where a bad write is retried on its own and a dead database fails all.
            writer._sequencer.Rollback();
            writer._sequencer.Load(await committer.ReadJournalHeadsAsync(CancellationToken.None));
            await writer.CommitAsync(_batch);
            _batch = new List<PendingWrite>(writer._maxBatchSize);
        }

        /// <summary>
        /// Waits for the batch ahead to commit, then tells the listener and answers its callers.
        /// When its commit fails, <paramref name="behind"/> (executed after it, its events numbered
        /// after the failed ones) is rolled back and false returned.
        /// </summary>
        private async Task<bool> FinishInFlightAsync(IPreparedBatch? behind = null)
        {
            if (_inFlight is not { } inFlight)
            {
                return true;
            }

            _inFlight = null;
            try
            {
                await inFlight.Commit;
            }
            catch (Exception commitError)
            {
                if (behind is not null)
                {
                    await behind.RollbackAsync();
                }

                await writer.RecoverAsync(commitError);
                if (committer.IsDatabaseFailure(commitError))
                {
                    // The commit may have been applied before the connection broke: its callers are
                    // told it failed and retry with their idempotency keys.
                    foreach (var pending in inFlight.Batch)
                    {
                        pending.Fail(commitError);
                    }
                }
                else
                {
                    // The server refused the commit, so nothing of it is stored: the old path runs it
                    // again and then write by write, so that one bad write does not sink the others.
                    await writer.CommitAsync(inFlight.Batch);
                }

                return false;
            }

            writer._sequencer.Commit();
            writer.Publish(inFlight.Prepared.Outcomes);
            Answer(inFlight.Batch, inFlight.Prepared.Outcomes);
            return true;
        }
    }
}
