namespace LoCoPi.Web.Accounts;

/// <summary>
/// Lets one login attempt per account check its password at a time. Without it, guesses sent in
/// parallel would all pass the lock check before the first failure is counted, so the limit of
/// <see cref="Grains.Interfaces.Accounts.LoginThrottling.MaxFailures"/> would only hold for a guesser
/// who waits for each answer. In memory only: the Silo is one process, and the count itself is durable
/// in the account grain. Entries live only while an attempt is running, so unknown account ids leave nothing.
/// </summary>
public sealed class LoginGate
{
    private readonly Dictionary<(string Tenant, string Account), Entry> _entries = [];

    public async Task<IDisposable> EnterAsync(string tenantId, string accountId, CancellationToken cancellationToken)
    {
        var key = (tenantId, accountId);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries.Add(key, entry);
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Pass(this, key, entry);
    }

    private void Leave((string, string) key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Turn.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Pass(LoginGate gate, (string, string) key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                entry.Turn.Release();
                gate.Leave(key, entry);
            }
        }
    }
}
