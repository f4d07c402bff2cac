using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>Stored state of <see cref="WatchLinksGrain"/>.</summary>
public sealed class WatchLinksState
{
    public List<WatchLink> Links { get; set; } = [];

    /// <summary>When the resident gained their first watcher: inactivity is counted from then at the earliest.</summary>
    public DateTimeOffset? WatchedSince { get; set; }

    /// <summary>The last-seen time an inactivity alert was raised for, so one quiet spell alerts once.</summary>
    public DateTimeOffset? InactivityNotedFor { get; set; }
}

/// <summary>
/// Who watches one resident; see <see cref="IWatchLinksGrain"/>. While anyone watches, a durable
/// reminder checks for inactivity and raises <see cref="WatchInactivityNoticed"/> in the journal,
/// so the alert reaches families through the same durable path as touches.
/// </summary>
public sealed class WatchLinksGrain(WatchOptions options) : Grain<WatchLinksState>, IWatchLinksGrain, IRemindable
{
    public const string InactivityReminder = "inactivity";

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

        State.WatchedSince ??= TimeProvider.GetUtcNow();
        await WriteStateAsync();
        await RegisterOrUpdateReminderAsync(InactivityReminder, options.CheckInterval, options.CheckInterval);
        return index < 0;
    }

    public async Task<bool> UnlinkAsync(string accountId)
    {
        if (State.Links.RemoveAll(l => l.AccountId == accountId) == 0)
        {
            return false;
        }

        if (State.Links.Count == 0)
        {
            State.WatchedSince = null;
            State.InactivityNotedFor = null;
        }

        await WriteStateAsync();
        if (State.Links.Count == 0)
        {
            await UnregisterReminderAsync(InactivityReminder);
        }

        return true;
    }

    public Task<IReadOnlyList<WatchLink>> GetLinksAsync() => Task.FromResult<IReadOnlyList<WatchLink>>([.. State.Links]);

    public async Task ReceiveReminderAsync(string reminderName, ReminderTick tick)
    {
        if (reminderName != InactivityReminder)
        {
            return;
        }

        if (State.Links.Count == 0 || State.WatchedSince is not { } watchedSince)
        {
            await UnregisterReminderAsync(InactivityReminder);
            return;
        }

        // Only the newest touch matters: one index probe of the journal.
        var recent = await GrainFactory.GetGrain<IResidentGrain>(Tenant, Key).GetRecentTouchesAsync(1);
        var newest = recent is [var touch, ..] ? touch : null;
        var seenTouching = newest is not null && newest.TouchedAt >= watchedSince;
        var lastSeen = seenTouching ? newest!.TouchedAt : watchedSince;
        var now = TimeProvider.GetUtcNow();
        if (now - lastSeen < options.InactivityPeriod || State.InactivityNotedFor == lastSeen)
        {
            return;
        }

        // The mark and the event commit together: a tick redelivered after a crash raises nothing new.
        State.InactivityNotedFor = lastSeen;
        RaiseEvent(new WatchInactivityNoticed(Key, lastSeen, now, seenTouching ? newest!.PlaceId : null));
        await WriteStateAsync();
    }
}
