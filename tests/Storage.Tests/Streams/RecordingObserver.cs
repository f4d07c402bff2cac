using LoCoPi.Runtime;

namespace LoCoPi.Storage.Tests.Streams;

/// <summary>Keeps every batch it is handed; can be told to fail a batch a number of times first.</summary>
public sealed class RecordingObserver : IJournalObserver
{
    private readonly List<IReadOnlyList<CommittedEvent>> _batches = [];
    private readonly Func<IReadOnlyList<CommittedEvent>, bool>? _failWhen;
    private int _failuresLeft;
    private int _concurrent;

    public RecordingObserver(Func<IReadOnlyList<CommittedEvent>, bool>? failWhen = null, int failures = 0)
    {
        _failWhen = failWhen;
        _failuresLeft = failures;
    }

    public int Failures { get; private set; }

    public bool SawConcurrentCalls { get; private set; }

    public IReadOnlyList<IReadOnlyList<CommittedEvent>> Batches
    {
        get
        {
            lock (_batches)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<CommittedEvent> Events(string tenant)
        => [.. Batches.SelectMany(b => b).Where(e => e.Tenant == tenant)];

    public async Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _concurrent) > 1)
        {
            SawConcurrentCalls = true;
        }

        try
        {
            await Task.Yield();
            lock (_batches)
            {
                if (_failuresLeft > 0 && _failWhen?.Invoke(batch) == true)
                {
                    _failuresLeft--;
                    Failures++;
                    throw new InvalidOperationException("observer failure injected by the test");
                }

                _batches.Add([.. batch]);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }
}
