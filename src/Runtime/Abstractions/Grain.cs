namespace LoCoPi.Runtime;

/// <summary>
/// Base of every grain. The runtime creates one instance per activation and runs its methods one
/// turn at a time, so grain code needs no locks. Awaits inside a method continue on the grain's own
/// scheduler.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    internal IGrainContext Context => _context ?? throw new InvalidOperationException(
        "This grain instance was not created by the runtime.");

    internal void Attach(IGrainContext context) => _context = context;

    /// <summary>Loads persistent state before <see cref="OnActivateAsync"/>; stateless grains have none.</summary>
    internal virtual Task LoadStateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public GrainId GrainId => Context.GrainId;

    /// <summary>The tenant (municipality) the grain belongs to.</summary>
    public string Tenant => Context.GrainId.Tenant;

    /// <summary>The grain's key within its type and tenant.</summary>
    public string Key => Context.GrainId.Key;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    protected TimeProvider TimeProvider => Context.TimeProvider;

    /// <summary>
    /// The stored claim on (<paramref name="scope"/>, <paramref name="key"/>) in this grain's tenant, or
    /// null: a grain answers a retried request id from the first answer stored with its claim.
    /// </summary>
    protected Task<IdempotencyClaim?> ReadClaimAsync(string scope, string key)
        => Context.Storage.ReadClaimAsync(Tenant, scope, key, CancellationToken.None);

    /// <summary>Runs in the activation's first turn, before any call is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs in the activation's last turn.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>
    /// A timer delivered through the mailbox: a tick runs as a turn, never overlaps the previous tick
    /// (the next due time counts from the end of the last tick), and does not keep the grain alive.
    /// Dispose the result to stop it; it also stops when the activation is deactivated.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => Context.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// A durable reminder: stored, so it fires even after a restart, and activates the grain when due.
    /// The grain must implement <see cref="IRemindable"/>. Minimum period: one minute.
    /// </summary>
    protected Task RegisterOrUpdateReminderAsync(string reminderName, TimeSpan dueTime, TimeSpan period)
        => Context.RegisterOrUpdateReminderAsync(reminderName, dueTime, period);

    protected Task UnregisterReminderAsync(string reminderName) => Context.UnregisterReminderAsync(reminderName);

    /// <summary>Deactivates the grain once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    /// <summary>Keeps the grain active for at least this long, whatever its collection age.</summary>
    protected void DelayDeactivation(TimeSpan duration) => Context.DelayDeactivation(duration);
}

/// <summary>Why an activation ends.</summary>
public enum DeactivationReason
{
    IdleCollected,
    Requested,
    InconsistentState,
    RuntimeStopping,
    ActivationFailed,
}
