using System.Threading.Channels;

namespace LoCoPi.Web.Live;

/// <summary>
/// The queue between the journal's delivery path, which only enqueues, and a hub notifier's send
/// loop. Bounded, dropping the oldest push when full: a stalled hub (a browser that stopped reading,
/// a slow network) must cost a bounded amount of memory and never hold up the journal delivery that
/// feeds it. Live pushes are not durable effects, so a dropped push loses nothing durable: alerts
/// stay in each family's inbox (the page resumes from it with its last seq), and the staff's
/// inactivity list is read again on every connect. Drops are counted for the loop to log.
/// </summary>
public sealed class LivePushBuffer<T>
{
    /// <summary>Pushes held while the send loop is busy: minutes of a town's alerts, a few MB at most.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Channel<T> _channel;
    private long _dropped;
    private long _droppedSinceReport;

    public LivePushBuffer(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                Interlocked.Increment(ref _droppedSinceReport);
            });
    }

    public int Capacity { get; }

    /// <summary>Pushes waiting for the send loop; never more than <see cref="Capacity"/>.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Pushes dropped since the start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>Never waits: when full, the oldest waiting push makes room.</summary>
    public void Enqueue(T item) => _channel.Writer.TryWrite(item);

    /// <summary>Pushes dropped since the last call, for one log line per burst rather than one per drop.</summary>
    public long TakeDroppedSinceReport() => Interlocked.Exchange(ref _droppedSinceReport, 0);
}
