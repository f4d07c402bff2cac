using LoCoPi.Grains.Interfaces.Watch;

namespace LoCoPi.Grains.Watch;

/// <summary>
/// One tenant's alerts waiting for their family inboxes (see <see cref="WatchInboxWriter"/>):
/// queued per account in journal order, and an account's alerts are taken for a write once the
/// oldest of them has waited the interval. Accounts so fall due at their own moments, spread over
/// the interval, rather than all in one wave that would hold up the touches' group commits. Alerts of a
/// failed write go back in front of the account's newer ones, so an inbox never stores a later
/// alert before an earlier one (its dedupe mark would then skip the earlier one for good).
/// </summary>
internal sealed class TenantInboxQueue
{
    private readonly Lock _gate = new();
    private Dictionary<string, List<WatchAlert>> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _queuedSince = new(StringComparer.Ordinal);
    private Dictionary<string, List<WatchAlert>> _writing = new(StringComparer.Ordinal);
    private TaskCompletionSource _roundDone = NewSignal();
    private TaskCompletionSource _wake = NewSignal();

    /// <summary>Alerts queued and not yet taken by a round.</summary>
    public int QueuedCount { get; private set; }

    /// <summary>The loop that writes the rounds; started by <see cref="WatchInboxWriter"/>.</summary>
    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>Queues an account's alerts; <paramref name="now"/> (a timestamp) starts its wait when none was queued.</summary>
    public void Enqueue(string accountId, List<WatchAlert> alerts, long now)
    {
        lock (_gate)
        {
            if (_queued.TryGetValue(accountId, out var list))
            {
                list.AddRange(alerts);
            }
            else
            {
                _queued[accountId] = [.. alerts];
                _queuedSince[accountId] = now;
            }

            QueuedCount += alerts.Count;
        }
    }

    /// <summary>The highest seq below every alert not yet stored; <see cref="long.MaxValue"/> when none waits.</summary>
    public long DurableThrough()
    {
        lock (_gate)
        {
            var oldest = long.MaxValue;
            foreach (var list in _queued.Values.Concat(_writing.Values))
            {
                oldest = Math.Min(oldest, list[0].Seq);
            }

            return oldest == long.MaxValue ? long.MaxValue : oldest - 1;
        }
    }

    /// <summary>The account's alerts not yet stored, in journal order.</summary>
    public IReadOnlyList<WatchAlert> Pending(string accountId)
    {
        lock (_gate)
        {
            var writing = _writing.GetValueOrDefault(accountId);
            var queued = _queued.GetValueOrDefault(accountId);
            return writing is null && queued is null ? [] : [.. writing ?? [], .. queued ?? []];
        }
    }

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count == 0 && _writing.Count == 0;
            }
        }
    }

    /// <summary>Completes when the round after the current one has finished (a round starts at once).</summary>
    public Task NextRoundAsync()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
            return _roundDone.Task;
        }
    }

    /// <summary>Completes when a round is due early (a flush or a full queue asks for it).</summary>
    public Task WakeTask
    {
        get
        {
            lock (_gate)
            {
                return _wake.Task;
            }
        }
    }

    /// <summary>
    /// Takes for one round of writes the accounts queued since <paramref name="dueSince"/> or earlier,
    /// or every account when a flush woke the loop (empty when none is due).
    /// </summary>
    public Dictionary<string, List<WatchAlert>> TakeRound(long dueSince)
    {
        lock (_gate)
        {
            var all = _wake.Task.IsCompleted;
            if (all)
            {
                _wake = NewSignal();
            }

            foreach (var (account, since) in _queuedSince)
            {
                if (all || since <= dueSince)
                {
                    var alerts = _queued[account];
                    _writing[account] = alerts;
                    _queued.Remove(account);
                    QueuedCount -= alerts.Count;
                }
            }

            foreach (var account in _writing.Keys)
            {
                _queuedSince.Remove(account);
            }

            return _writing;
        }
    }

    /// <summary>
    /// Ends a round: the failed accounts' alerts go back in front of what was queued meanwhile, due
    /// again one interval after <paramref name="now"/> (a storage outage is retried once per interval).
    /// </summary>
    public void EndRound(IEnumerable<string> failedAccounts, long now)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            foreach (var account in failedAccounts)
            {
                var failed = _writing[account];
                if (_queued.TryGetValue(account, out var newer))
                {
                    failed.AddRange(newer);
                }

                _queued[account] = failed;
                _queuedSince[account] = now;
                QueuedCount += failed.Count - (newer?.Count ?? 0);
            }

            _writing = new Dictionary<string, List<WatchAlert>>(StringComparer.Ordinal);
            (done, _roundDone) = (_roundDone, NewSignal());
        }

        done.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
