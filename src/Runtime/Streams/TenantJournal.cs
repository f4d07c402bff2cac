namespace LoCoPi.Runtime.Streams;

/// <summary>
/// What the stream manager knows of one tenant's journal: its committed head and an in-memory
/// tail of recent events, so subscribers that keep up never read the database. Subscribers that
/// fall behind the tail read the journal instead.
/// </summary>
internal sealed class TenantJournal(string tenant, int tailCapacity)
{
    private readonly Lock _lock = new();
    private readonly List<CommittedEvent> _tail = [];
    private TenantDelivery[] _deliveries = [];
    private long _head;

    public string Tenant { get; } = tenant;

    public long Head => Volatile.Read(ref _head);

    public void AddDelivery(TenantDelivery delivery)
    {
        lock (_lock)
        {
            _deliveries = [.. _deliveries, delivery];
        }
    }

    public void RemoveDelivery(TenantDelivery delivery)
    {
        lock (_lock)
        {
            _deliveries = [.. _deliveries.Where(d => d != delivery)];
        }
    }

    /// <summary>Raises the head to one read from the database (events committed before we listened).</summary>
    public void AdvanceHead(long head)
    {
        lock (_lock)
        {
            if (head > _head)
            {
                Volatile.Write(ref _head, head);
            }
        }

        Signal();
    }

    /// <summary>Adds committed events of this tenant, in sequence order.</summary>
    public void Append(List<CommittedEvent> events)
    {
        lock (_lock)
        {
            // A hole (events committed before we listened) restarts the tail; readers behind it
            // fall back to the database.
            if (_tail.Count > 0 && _tail[^1].Seq + 1 != events[0].Seq)
            {
                _tail.Clear();
            }

            _tail.AddRange(events);
            if (_tail.Count > 2 * tailCapacity)
            {
                _tail.RemoveRange(0, _tail.Count - tailCapacity);
            }

            if (events[^1].Seq > _head)
            {
                Volatile.Write(ref _head, events[^1].Seq);
            }
        }

        Signal();
    }

    /// <summary>Events after <paramref name="afterSeq"/> from the tail, or null when the tail does not reach back that far.</summary>
    public List<CommittedEvent>? TryRead(long afterSeq, int maxCount)
    {
        lock (_lock)
        {
            if (_tail.Count == 0 || _tail[0].Seq > afterSeq + 1 || _tail[^1].Seq <= afterSeq)
            {
                return null;
            }

            var start = (int)(afterSeq + 1 - _tail[0].Seq);
            return _tail.GetRange(start, Math.Min(maxCount, _tail.Count - start));
        }
    }

    private void Signal()
    {
        foreach (var delivery in Volatile.Read(ref _deliveries))
        {
            delivery.Signal();
        }
    }
}
