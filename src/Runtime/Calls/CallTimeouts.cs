namespace LoCoPi.Runtime;

/// <summary>
/// Fails calls past their deadline. One sweep over the activations that hold calls, every
/// <see cref="GrainRuntimeOptions.CallTimeoutCheckInterval"/>, instead of a timer per call (which
/// would cost more than the call itself at a million calls a second).
/// </summary>
internal sealed class CallTimeouts(GrainRuntime runtime)
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Activation> _watched = new();
    private ITimer? _timer;
    private int _sweeping;

    internal void Start()
    {
        var interval = runtime.Options.CallTimeoutCheckInterval;
        _timer = runtime.TimeProvider.CreateTimer(static s => ((CallTimeouts)s!).Sweep(), this, interval, interval);
    }

    internal void Stop() => _timer?.Dispose();

    internal void Watch(Activation activation) => _watched.Enqueue(activation);

    private void Sweep()
    {
        // Timer callbacks may overlap when a sweep is slow; one at a time is enough.
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            var now = runtime.TimeProvider.GetTimestamp();
            var expired = new List<Turn>();
            for (var count = _watched.Count; count > 0 && _watched.TryDequeue(out var activation); count--)
            {
                if (activation.ExpireCalls(now, expired))
                {
                    _watched.Enqueue(activation);
                }
            }

            foreach (var turn in expired)
            {
                var method = turn.Method!;
                runtime.Statistics.RecordTimeout();
                turn.TryFail(new GrainCallTimeoutException(
                    $"Call to {turn.GrainId} {method.FullName} timed out after {runtime.TimeoutOf(method)}."));
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
