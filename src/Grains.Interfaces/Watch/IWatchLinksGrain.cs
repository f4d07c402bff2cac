using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Watch;

/// <summary>
/// The family accounts watching one resident (key = resident id), with the consent of each link.
/// The "watch-alerts" subscriber asks it on every batch, so removing a link stops alerts at once.
/// </summary>
public interface IWatchLinksGrain : IGrain
{
    /// <summary>Adds or updates the link; true when it is new.</summary>
    Task<bool> LinkAsync(WatchLink link);

    /// <summary>Removes the link; false when there was none.</summary>
    Task<bool> UnlinkAsync(string accountId);

    Task<IReadOnlyList<WatchLink>> GetLinksAsync();
}

/// <summary>A family account watching a resident: who consented, and when.</summary>
public sealed record WatchLink(string AccountId, string ConsentBy, DateTimeOffset ConsentAt);

public sealed class WatchLinksGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IWatchLinksGrain
{
    private static readonly GrainMethod Link = new(nameof(IWatchLinksGrain), nameof(LinkAsync));
    private static readonly GrainMethod Unlink = new(nameof(IWatchLinksGrain), nameof(UnlinkAsync));
    private static readonly GrainMethod GetLinks = new(nameof(IWatchLinksGrain), nameof(GetLinksAsync), readOnly: true);

    public Task<bool> LinkAsync(WatchLink link)
        => InvokeAsync<IWatchLinksGrain, WatchLink, bool>(Link, link, static (g, l) => g.LinkAsync(l));

    public Task<bool> UnlinkAsync(string accountId)
        => InvokeAsync<IWatchLinksGrain, string, bool>(Unlink, accountId, static (g, a) => g.UnlinkAsync(a));

    public Task<IReadOnlyList<WatchLink>> GetLinksAsync()
        => InvokeAsync<IWatchLinksGrain, bool, IReadOnlyList<WatchLink>>(GetLinks, false, static (g, _) => g.GetLinksAsync());
}
