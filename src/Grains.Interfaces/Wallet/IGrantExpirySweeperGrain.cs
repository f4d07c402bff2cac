using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// The tenant's grant expiry sweep (key = tenant id): a durable hourly reminder moves what is left of
/// every grant whose expiry date has come to "expired", so the ledger's expired and unused figures
/// hold for wallets nobody uses; admins can also run it at once.
/// </summary>
public interface IGrantExpirySweeperGrain : IGrain
{
    /// <summary>Starts the hourly sweep (once; later calls change nothing).</summary>
    Task EnsureScheduledAsync();

    /// <summary>Sweeps now: every due grant not swept yet, by the tenant's local date.</summary>
    Task<GrantSweep> SweepAsync();
}

/// <summary>What one sweep did: the tenant-local date, the grants it expired and the yen it moved.</summary>
public sealed record GrantSweep(DateOnly Today, IReadOnlyList<string> Grants, long ExpiredYen);

public sealed class GrantExpirySweeperGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IGrantExpirySweeperGrain
{
    private static readonly GrainMethod EnsureScheduled = new(nameof(IGrantExpirySweeperGrain), nameof(EnsureScheduledAsync));
    private static readonly GrainMethod Sweep = new(nameof(IGrantExpirySweeperGrain), nameof(SweepAsync));

    public Task EnsureScheduledAsync()
        => InvokeAsync<IGrantExpirySweeperGrain, bool>(EnsureScheduled, false, static (g, _) => g.EnsureScheduledAsync());

    public Task<GrantSweep> SweepAsync()
        => InvokeAsync<IGrantExpirySweeperGrain, bool, GrantSweep>(Sweep, false, static (g, _) => g.SweepAsync());
}
