using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Watch;

/// <summary>
/// The town staff's view of watched residents not seen for the inactivity period: one per tenant
/// (key <see cref="TownKey"/>). The "watch-alerts" subscriber adds a resident when an inactivity
/// notice is journalled and removes them at their next touch, in journal order; the highest sequence
/// number applied is stored with the list, so a batch delivered again after a crash changes nothing.
/// </summary>
public interface IStaffInactivityGrain : IGrain
{
    /// <summary>The grain key: the tenant's one list.</summary>
    public const string TownKey = "town";

    /// <summary>Applies notices and sightings in journal order; returns only those that changed the list (to be pushed).</summary>
    Task<IReadOnlyList<InactivityChange>> ApplyAsync(IReadOnlyList<InactivityChange> changes);

    /// <summary>Residents currently not seen for the period, the longest quiet first.</summary>
    Task<IReadOnlyList<InactiveResident>> GetInactiveAsync();
}

/// <summary>
/// A watched resident not seen for the inactivity period: when and where they last touched (no place
/// when they have not touched since they were first watched), and when the town noticed.
/// </summary>
public sealed record InactiveResident(
    string ResidentId, string? DisplayName, DateTimeOffset LastSeenAt, string? LastPlaceId, string? LastPlaceName,
    DateTimeOffset NoticedAt, long Seq);

/// <summary>
/// A change to the staff's list at journal sequence <see cref="Seq"/>: <see cref="Notice"/> when the
/// resident became inactive, or null when they were seen again (touched at <see cref="At"/>).
/// </summary>
public sealed record InactivityChange(long Seq, string ResidentId, InactiveResident? Notice, DateTimeOffset At)
{
    public bool Inactive => Notice is not null;
}

/// <summary>Told of changes to a tenant's staff inactivity list; implementations push them and must return at once.</summary>
public interface IStaffInactivityListener
{
    void OnInactivityChanged(string tenant, IReadOnlyList<InactivityChange> changes);
}

public sealed class StaffInactivityGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IStaffInactivityGrain
{
    private static readonly GrainMethod Apply = new(nameof(IStaffInactivityGrain), nameof(ApplyAsync));
    private static readonly GrainMethod GetInactive = new(nameof(IStaffInactivityGrain), nameof(GetInactiveAsync), readOnly: true);

    public Task<IReadOnlyList<InactivityChange>> ApplyAsync(IReadOnlyList<InactivityChange> changes)
        => InvokeAsync<IStaffInactivityGrain, IReadOnlyList<InactivityChange>, IReadOnlyList<InactivityChange>>(
            Apply, changes, static (g, c) => g.ApplyAsync(c));

    public Task<IReadOnlyList<InactiveResident>> GetInactiveAsync()
        => InvokeAsync<IStaffInactivityGrain, bool, IReadOnlyList<InactiveResident>>(GetInactive, false, static (g, _) => g.GetInactiveAsync());
}
