using LoCoPi.Grains.Interfaces.Accounts;

namespace LoCoPi.Grains.Accounts;

/// <summary>
/// Wrong passwords for account ids that do not exist, counted by the same rules as a real account's
/// (<see cref="LoginThrottling"/>), so the sixth guess gets the same 429 whether or not the account
/// exists: the lock must not tell a guesser which ids are real. In memory only — nothing of an
/// unknown id is stored — and bounded: when full, runs that have ended are forgotten first, and a
/// flood of new ids beyond <see cref="Capacity"/> in one window is not counted. One table per process,
/// shared by the account grains: the grain of an id that is no account reads and counts here within
/// its turn (so parallel guesses at one id are still checked one at a time) and then deactivates,
/// so the table, not an activation per guessed id, is what such guesses leave behind. With one Silo
/// per database (until tenant leases exist) one process sees every guess.
/// </summary>
public sealed class UnknownAccountFailures(TimeProvider time)
{
    public const int Capacity = 100_000;

    private readonly Dictionary<(string Tenant, string Account), (int Failures, DateTimeOffset Last)> _runs = [];

    // When full: the earliest time any run held ends. A flood of new ids would otherwise scan the
    // whole table on every attempt, though nothing can be freed before then.
    private DateTimeOffset _fullUntil = DateTimeOffset.MinValue;

    public DateTimeOffset? LockedUntil(string tenantId, string accountId)
    {
        lock (_runs)
        {
            return _runs.TryGetValue((tenantId, accountId), out var run)
                ? LoginThrottling.LockedUntil(run.Failures, run.Last, time.GetUtcNow())
                : null;
        }
    }

    public void Record(string tenantId, string accountId)
    {
        var now = time.GetUtcNow();
        var key = (tenantId, accountId);
        lock (_runs)
        {
            var found = _runs.TryGetValue(key, out var run);
            if (!found && _runs.Count >= Capacity && !ForgetEndedRuns(now))
            {
                return;
            }

            _runs[key] = (LoginThrottling.CountAfterFailure(run.Failures, found ? run.Last : null, now), now);
        }
    }

    private bool ForgetEndedRuns(DateTimeOffset now)
    {
        if (now < _fullUntil)
        {
            return false;
        }

        var earliestEnd = DateTimeOffset.MaxValue;
        foreach (var (key, run) in _runs)
        {
            var end = run.Last + LoginThrottling.Window;
            if (end <= now)
            {
                _runs.Remove(key);
            }
            else if (end < earliestEnd)
            {
                earliestEnd = end;
            }
        }

        _fullUntil = _runs.Count < Capacity ? DateTimeOffset.MinValue : earliestEnd;
        return _runs.Count < Capacity;
    }
}
