namespace LoCoPi.Runtime.Streams;

/// <summary>
/// Whether one delivery loop is moving: since when it has been on a batch it has not finished, and
/// how many attempts failed since it last finished one. Written by the loop, read by the readiness
/// probe. A loop waiting for new events is not stuck, however long it waits.
/// </summary>
internal sealed class DeliveryProgress(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private long _unfinishedSince;
    private int _failures;
    private string? _lastError;

    /// <summary>The loop starts on work (a batch, or reading its cursor); the clock runs from the first call.</summary>
    public void Started()
    {
        lock (_lock)
        {
            if (_unfinishedSince == 0)
            {
                _unfinishedSince = timeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>An attempt failed; returns the number of failures since the loop last made progress.</summary>
    public int Failed(Exception error)
    {
        lock (_lock)
        {
            if (_unfinishedSince == 0)
            {
                _unfinishedSince = timeProvider.GetTimestamp();
            }

            _lastError = error.GetType().Name;
            return ++_failures;
        }
    }

    /// <summary>The work is done; returns how many attempts had failed and for how long it had been unfinished.</summary>
    public (int Failures, TimeSpan After) Finished()
    {
        lock (_lock)
        {
            var result = (_failures, _unfinishedSince == 0 ? TimeSpan.Zero : timeProvider.GetElapsedTime(_unfinishedSince));
            (_unfinishedSince, _failures, _lastError) = (0, 0, null);
            return result;
        }
    }

    /// <summary>Null while the loop keeps up; otherwise how long it has been on unfinished work.</summary>
    public StuckDelivery? StuckLongerThan(TimeSpan limit, string consumer, string tenant)
    {
        lock (_lock)
        {
            if (_unfinishedSince == 0)
            {
                return null;
            }

            var stuckFor = timeProvider.GetElapsedTime(_unfinishedSince);
            return stuckFor > limit ? new StuckDelivery(consumer, tenant, stuckFor, _failures, _lastError) : null;
        }
    }
}
