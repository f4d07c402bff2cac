using LoCoPi.Runtime;

namespace LoCoPi.Storage.Tests.Streams;

/// <summary>
/// Keeps every batch it is handed; can be told to fail a batch a number of times first, to fail
/// every batch while <see cref="Broken"/>, or to hold every batch while <see cref="Hanging"/>.
/// </summary>
public sealed class RecordingObserver : IJournalObserver
{
    private readonly List<IReadOnlyList<CommittedEvent>> _batches = [];
    private readonly Func<IReadOnlyList<CommittedEvent>, bool>? _failWhen;
    private int _failuresLeft;
    private readonly List<TimeSpan> _failedAt = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _concurrent;
    private volatile bool _broken;
    private volatile bool _hanging;

    public RecordingObserver(Func<IReadOnlyList<CommittedEvent>, bool>? failWhen = null, int failures = 0)
    {
        _failWhen = failWhen;
        _failuresLeft = failures;
    }

    public int Failures { get; private set; }

    /// <summary>While true, every batch throws (a projection whose storage is down, say).</summary>
    public bool Broken
    {
        get => _broken;
        set => _broken = value;
    }

    /// <summary>While true, every batch waits (a projection stuck on a call that never returns); false releases them.</summary>
    public bool Hanging
    {
        get => _hanging;
        set
        {
            _hanging = value;
            if (!value)
            {
                _released.TrySetResult();
            }
            else if (_released.Task.IsCompleted)
            {
                _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>When each injected failure happened, measured from the observer's creation.</summary>
    public IReadOnlyList<TimeSpan> FailedAt
    {
        get
        {
            lock (_batches)
            {
                return [.. _failedAt];
            }
        }
    }

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
            if (_hanging)
            {
                await _released.Task.WaitAsync(cancellationToken);
            }

            lock (_batches)
            {
                var injected = _broken || (_failuresLeft > 0 && _failWhen?.Invoke(batch) == true);
                if (injected)
                {
                    _failuresLeft -= _broken ? 0 : 1;
                    Failures++;
                    _failedAt.Add(_clock.Elapsed);
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
