namespace LoCoPi.Runtime;

/// <summary>
/// Which journal consumers are stuck: a loop that fails or hangs keeps retrying the same batch
/// (nothing is skipped), and this is how the node says so instead of falling silent.
/// </summary>
public interface IJournalDeliveryHealth
{
    /// <summary>
    /// Every (consumer, tenant) whose current batch has been unfinished for longer than
    /// <see cref="JournalStreamOptions.StuckAfter"/>; empty when every consumer keeps up.
    /// </summary>
    IReadOnlyList<StuckDelivery> GetStuckDeliveries();
}

/// <summary>
/// One consumer stuck on one tenant's journal: for how long, how many attempts failed since it last
/// made progress, and the type of the last failure (a type name only: messages may carry data).
/// </summary>
public sealed record StuckDelivery(string Consumer, string Tenant, TimeSpan StuckFor, int Failures, string? LastError);
