namespace LoCoPi.Runtime;

/// <summary>
/// A journal observer that may finish a batch's durable work after <see cref="IJournalObserver.OnEventsAsync"/>
/// returned (write-behind), so that the next batch need not wait for the previous one's storage
/// commits. The delivery then stores a cursor no further than <see cref="DurableThrough"/>: a crash
/// repeats what was not yet durable instead of losing it.
/// </summary>
public interface IWriteBehindJournalObserver : IJournalObserver
{
    /// <summary>
    /// The highest sequence number of <paramref name="tenant"/> up to which every delivered event's
    /// work is durable; <see cref="long.MaxValue"/> when nothing delivered is pending. Must never fall.
    /// </summary>
    long DurableThrough(string tenant);

    /// <summary>Makes the work of every delivered event of <paramref name="tenant"/> durable (a clean stop).</summary>
    Task FlushAsync(string tenant, CancellationToken cancellationToken);
}
