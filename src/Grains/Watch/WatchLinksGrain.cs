using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>Stored state of <see cref="WatchLinksGrain"/>.</summary>
public sealed class WatchLinksState
{
    public List<WatchLink> Links { get; set; } = [];
}

/// <summary>Who watches one resident; see <see cref="IWatchLinksGrain"/>.</summary>
public sealed class WatchLinksGrain : Grain<WatchLinksState>, IWatchLinksGrain
{
    public async Task<bool> LinkAsync(WatchLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var index = State.Links.FindIndex(l => l.AccountId == link.AccountId);
        if (index >= 0 && State.Links[index] == link)
        {
            return false;
        }

        if (index >= 0)
        {
            State.Links[index] = link;
        }
        else
        {
            State.Links.Add(link);
        }

        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
        return index < 0;
    }

    public async Task<bool> UnlinkAsync(string accountId)
    {
        if (State.Links.RemoveAll(l => l.AccountId == accountId) == 0)
        {
            return false;
        }

        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
        return true;
    }

    public Task<IReadOnlyList<WatchLink>> GetLinksAsync() => Task.FromResult<IReadOnlyList<WatchLink>>([.. State.Links]);
}
