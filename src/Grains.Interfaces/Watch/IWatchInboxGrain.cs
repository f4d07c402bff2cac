using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Watch;

/// <summary>
/// A family account's alert inbox (key = account id), also the list of residents it watches.
/// Alerts carry the journal sequence number of the event behind them; the inbox keeps the highest
/// one applied, so a batch delivered again after a crash adds nothing. (Seq, resident) identifies
/// an alert: a guardian's one check-in alerts about each of their children.
/// </summary>
public interface IWatchInboxGrain : IGrain
{
    /// <summary>Adds alerts in journal order; returns only those not seen before (a redelivered batch adds nothing).</summary>
    Task<IReadOnlyList<WatchAlert>> AddAlertsAsync(IReadOnlyList<WatchAlert> alerts);

    /// <summary>Alerts with a sequence number above <paramref name="afterSeq"/>, newest first.</summary>
    Task<IReadOnlyList<WatchAlert>> GetAlertsAsync(long afterSeq);

    Task SetWatchedAsync(string residentId, bool watched);

    Task<IReadOnlyList<string>> GetWatchedAsync();
}

/// <summary>
/// One alert as families see it (API.md, <c>/hubs/watch</c> method <c>alert</c>). <see cref="TouchId"/>
/// (additive) is the reader's id of the touch behind it, null for inactivity: it lets a client or
/// the load generator match an alert to the touch it acknowledged.
/// </summary>
public sealed record WatchAlert(
    string ResidentId, string? DisplayName, string PlaceId, string? PlaceName, string Kind, DateTimeOffset At, long Seq,
    string? TouchId = null);

/// <summary>
/// Told of alerts from the committed journal as they are queued for their inbox (each seq once per process;
/// again after a crash, when clients drop it by seq); implementations push them and must return at once.
/// </summary>
public interface IWatchAlertListener
{
    void OnAlerts(string tenant, string accountId, IReadOnlyList<WatchAlert> alerts);
}

public sealed class WatchInboxGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IWatchInboxGrain
{
    private static readonly GrainMethod AddAlerts = new(nameof(IWatchInboxGrain), nameof(AddAlertsAsync));
    private static readonly GrainMethod GetAlerts = new(nameof(IWatchInboxGrain), nameof(GetAlertsAsync), readOnly: true);
    private static readonly GrainMethod SetWatched = new(nameof(IWatchInboxGrain), nameof(SetWatchedAsync));
    private static readonly GrainMethod GetWatched = new(nameof(IWatchInboxGrain), nameof(GetWatchedAsync), readOnly: true);

    public Task<IReadOnlyList<WatchAlert>> AddAlertsAsync(IReadOnlyList<WatchAlert> alerts)
        => InvokeAsync<IWatchInboxGrain, IReadOnlyList<WatchAlert>, IReadOnlyList<WatchAlert>>(
            AddAlerts, alerts, static (g, a) => g.AddAlertsAsync(a));

    public Task<IReadOnlyList<WatchAlert>> GetAlertsAsync(long afterSeq)
        => InvokeAsync<IWatchInboxGrain, long, IReadOnlyList<WatchAlert>>(GetAlerts, afterSeq, static (g, s) => g.GetAlertsAsync(s));

    public Task SetWatchedAsync(string residentId, bool watched)
        => InvokeAsync<IWatchInboxGrain, (string ResidentId, bool Watched)>(
            SetWatched, (residentId, watched), static (g, a) => g.SetWatchedAsync(a.ResidentId, a.Watched));

    public Task<IReadOnlyList<string>> GetWatchedAsync()
        => InvokeAsync<IWatchInboxGrain, bool, IReadOnlyList<string>>(GetWatched, false, static (g, _) => g.GetWatchedAsync());
}
