namespace LoCoPi.Runtime;

/// <summary>The activation's part in call timeouts: it tells the sweeper when it holds calls with deadlines.</summary>
internal sealed partial class Activation
{
    private void Watch(Turn turn)
    {
        if (!_watched && turn.Deadline != long.MaxValue)
        {
            _watched = true;
            _runtime.Timeouts.Watch(this);
        }
    }

    /// <summary>Fails calls past their deadline; returns whether the activation still has calls to watch.</summary>
    internal bool ExpireCalls(long now, List<Turn> expired)
    {
        lock (_lock)
        {
            foreach (var turn in _pending)
            {
                if (turn.Deadline <= now && !turn.IsFinished)
                {
                    expired.Add(turn);
                }
            }

            foreach (var turn in _running)
            {
                if (turn.Deadline <= now && !turn.IsFinished)
                {
                    expired.Add(turn);
                }
            }

            _watched = _pending.Count > 0 || _running.Count > 0;
            return _watched;
        }
    }
}
