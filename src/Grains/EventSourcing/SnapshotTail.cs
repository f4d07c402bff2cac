using LoCoPi.Runtime;

namespace LoCoPi.Grains.EventSourcing;

/// <summary>
/// What a stored snapshot says about the events of one type that its grain applies again after a load:
/// which it includes. Kept in the grain's stored state.
/// </summary>
public interface ISnapshotMarks
{
    /// <summary>
    /// The sequence number of the newest such event the snapshot includes, leaving out those of the
    /// write that stored it; null in a record stored before the grain appended events to snapshots
    /// (it includes every event).
    /// </summary>
    long? EventsThroughSeq { get; set; }

    /// <summary>How many such events the write that stored the snapshot raised: the first that many after <see cref="EventsThroughSeq"/>, included.</summary>
    int EventsInStoringWrite { get; set; }
}

/// <summary>
/// The events of one type an event-sourced grain appended after its stored snapshot: whether this
/// activation has applied them to its state since the last load, the newest one's sequence number,
/// and how many there are (so the grain stores a new snapshot before a load would read too many).
/// The grain's writes are serial, so its events after a snapshot's mark are exactly the storing
/// write's own, then the appended ones, in sequence order.
/// </summary>
internal sealed class SnapshotTail(string eventType, int snapshotEvery)
{
    /// <summary>At most this many events are read back after a snapshot; more means a bug, and the load fails.</summary>
    public int MaxReadBack => 2 * snapshotEvery;

    /// <summary>False after every load (<see cref="Forget"/>), until <see cref="RestoreAsync{TEvent}"/> ran; then a second restore does nothing.</summary>
    public bool IsApplied { get; private set; }

    /// <summary>True when the next write should store the snapshot rather than append.</summary>
    public bool SnapshotDue => _sinceSnapshot + 1 >= snapshotEvery;

    private long _lastSeq;
    private int _sinceSnapshot;

    public void Forget() => IsApplied = false;

    /// <summary>
    /// After a load: applies the events the snapshot lacks. <paramref name="read"/> returns the events
    /// after a sequence number, oldest first; it is not called for a record stored before marks.
    /// </summary>
    public async Task RestoreAsync<TEvent>(
        ISnapshotMarks marks, bool recordExists, Func<long, Task<IReadOnlyList<(long Seq, TEvent Event)>>> read,
        Func<Task<long>> readLastSeq, Action<TEvent> apply)
    {
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(readLastSeq);
        ArgumentNullException.ThrowIfNull(apply);
        if (IsApplied)
        {
            // Applied since the last load: applying the same events again would count them twice.
            return;
        }

        if (marks.EventsThroughSeq is not { } through)
        {
            // It includes every event; the next write stores a snapshot that says so before any
            // event is appended to it.
            _lastSeq = recordExists ? await readLastSeq() : 0;
            _sinceSnapshot = snapshotEvery;
            IsApplied = true;
            return;
        }

        var events = await read(through);
        _lastSeq = through;
        _sinceSnapshot = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Seq <= _lastSeq)
            {
                // Idempotent by sequence: an event at or below the newest applied one is never applied again.
                continue;
            }

            if (i >= marks.EventsInStoringWrite)
            {
                apply(events[i].Event);
                _sinceSnapshot++;
            }

            _lastSeq = events[i].Seq;
        }

        IsApplied = true;
    }

    /// <summary>Marks the state about to be stored as the new snapshot, which raises <paramref name="ownEvents"/> of the events itself.</summary>
    public void MarkSnapshot(ISnapshotMarks marks, int ownEvents)
    {
        marks.EventsThroughSeq = _lastSeq;
        marks.EventsInStoringWrite = ownEvents;
    }

    /// <summary>After every successful write of the grain (from <c>OnEventsCommitted</c>).</summary>
    public void Committed(IReadOnlyList<CommittedEvent> committed)
    {
        foreach (var e in committed)
        {
            if (e.EventType == eventType)
            {
                _lastSeq = Math.Max(_lastSeq, e.Seq);
                _sinceSnapshot++;
            }
        }
    }

    /// <summary>After a write that stored the snapshot: it includes everything so far.</summary>
    public void SnapshotStored() => _sinceSnapshot = 0;
}
