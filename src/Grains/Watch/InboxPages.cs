using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Watch;

/// <summary>A sealed page of an inbox: where it is stored, which alerts it holds, its stored version.</summary>
public sealed record InboxPageRef(int Slot, long FirstSeq, long LastSeq, long Version);

/// <summary>Stored state of one sealed page.</summary>
public sealed class InboxPage
{
    public List<WatchAlert> Alerts { get; set; } = [];
}

/// <summary>
/// The older alerts of a family inbox, sealed in pages of <see cref="WatchInboxGrain.PageSize"/>
/// stored beside the inbox's own record (state names <c>page-0</c>, <c>page-1</c>, … of the same
/// grain, a ring of <see cref="WatchInboxGrain.MaxPages"/> slots). A page is written once, by the
/// inbox, knowing the slot's version from its own state, so sealing needs no read; pages are read
/// only when someone asks for alerts that old. They are not kept in memory: the read is a read-only
/// call that may run beside others, and such a call changes nothing, not even a cache.
/// </summary>
internal sealed class InboxPages(IGrainStorage storage, IGrainSerializer serializer)
{
    /// <summary>
    /// Writes <paramref name="alerts"/> into the slot after <paramref name="pages"/>' newest (the
    /// oldest page's slot once the ring is full) and returns its reference; the caller drops the
    /// evicted page and stores the reference with its next write. A crash between the two leaves a
    /// slot newer than the inbox knows: the write then fails on the version, and is made again
    /// over the version found (only then is the slot read).
    /// </summary>
    public async Task<InboxPageRef> SealAsync(GrainId inbox, IReadOnlyList<InboxPageRef> pages, List<WatchAlert> alerts)
    {
        var evicting = pages.Count >= WatchInboxGrain.MaxPages;
        var slot = evicting ? pages[0].Slot : pages.Count == 0 ? 0 : (pages[^1].Slot + 1) % WatchInboxGrain.MaxPages;
        long? expected = evicting ? pages[0].Version : null;
        var payload = serializer.SerializeState(new InboxPage { Alerts = alerts });
        GrainWriteResult result;
        try
        {
            result = await storage.WriteStateAsync(new GrainStateWrite(Key(inbox, slot), payload, expected, []), CancellationToken.None);
        }
        catch (InconsistentStateException)
        {
            var found = await storage.ReadStateAsync(Key(inbox, slot), CancellationToken.None);
            result = await storage.WriteStateAsync(new GrainStateWrite(Key(inbox, slot), payload, found?.Version, []), CancellationToken.None);
        }

        return new InboxPageRef(slot, alerts[0].Seq, alerts[^1].Seq, result.Version);
    }

    /// <summary>The alerts of the pages that may hold a seq above <paramref name="afterSeq"/>, oldest first.</summary>
    public async Task<IReadOnlyList<WatchAlert>> ReadAsync(GrainId inbox, IReadOnlyList<InboxPageRef> pages, long afterSeq)
    {
        var alerts = new List<WatchAlert>();
        foreach (var page in pages.Where(p => p.LastSeq > afterSeq))
        {
            var stored = await storage.ReadStateAsync(Key(inbox, page.Slot), CancellationToken.None);
            var held = stored?.Payload is { } payload ? serializer.DeserializeState<InboxPage>(payload).Alerts : [];

            // A slot overwritten by a seal whose inbox write was lost holds newer alerts than the
            // reference says; those are still in the inbox's own record, so the range decides.
            alerts.AddRange(held.Where(a => a.Seq >= page.FirstSeq && a.Seq <= page.LastSeq));
        }

        return alerts;
    }

    private static GrainStateKey Key(GrainId inbox, int slot)
        => new(inbox.Tenant, inbox.Type, inbox.Key, "page-" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
