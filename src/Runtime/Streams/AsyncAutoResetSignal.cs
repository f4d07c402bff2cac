namespace LoCoPi.Runtime.Streams;

/// <summary>
/// Wakes one waiting loop. A <see cref="Set"/> with nobody waiting is remembered, so a wake-up
/// between "nothing to do" and "wait" is never lost.
/// </summary>
internal sealed class AsyncAutoResetSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private bool _signaled;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            _signaled = waiter is null;
        }

        waiter?.TrySetResult();
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_signaled)
            {
                _signaled = false;
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Waits at most <paramref name="timeout"/>. A wait that times out withdraws its waiter, so a
    /// later <see cref="Set"/> is remembered for the next wait instead of waking nobody.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_signaled)
            {
                _signaled = false;
                return;
            }

            waiter = _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                if (ReferenceEquals(_waiter, waiter))
                {
                    _waiter = null;
                }
                else
                {
                    // Set took this waiter as the timeout fired: keep its wake-up (a spurious one is harmless).
                    _signaled = true;
                }
            }
        }
    }
}
