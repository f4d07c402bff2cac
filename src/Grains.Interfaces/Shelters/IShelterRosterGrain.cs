using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Shelters;

/// <summary>
/// Who is inside one place and since when (key = the place id), fed from the committed journal by
/// the "shelter-rosters" subscriber: one call per place per journal batch, never one per touch.
/// Touches at or below the last applied sequence number are ignored (delivery is at least once).
/// Kept for every place with check-in/check-out readers; the API shows it for shelters.
/// </summary>
public interface IShelterRosterGrain : IGrain
{
    /// <summary>Applies the check-ins and check-outs of one batch, in journal order.</summary>
    Task ApplyTouchesAsync(IReadOnlyList<RosterTouch> touches);

    /// <summary>The people inside, ordered by check-in time, then resident id.</summary>
    Task<IReadOnlyList<Evacuee>> GetEvacueesAsync();
}

/// <summary>A committed check-in (<c>checked_in</c>) or check-out (<c>checked_out</c>) at the place.</summary>
public sealed record RosterTouch(long Seq, string ResidentId, string Outcome, DateTimeOffset TouchedAt);

/// <summary>A person inside the place since <paramref name="CheckedInAt"/> (when their card was touched).</summary>
public sealed record Evacuee(string ResidentId, DateTimeOffset CheckedInAt);

/// <summary>Typed calls to <see cref="IShelterRosterGrain"/> without reflection on the call path.</summary>
public sealed class ShelterRosterGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IShelterRosterGrain
{
    private static readonly GrainMethod ApplyTouches = new(nameof(IShelterRosterGrain), nameof(ApplyTouchesAsync));
    private static readonly GrainMethod GetEvacuees = new(nameof(IShelterRosterGrain), nameof(GetEvacueesAsync), readOnly: true);

    public Task ApplyTouchesAsync(IReadOnlyList<RosterTouch> touches)
        => InvokeAsync<IShelterRosterGrain, IReadOnlyList<RosterTouch>>(
            ApplyTouches, touches, static (grain, t) => grain.ApplyTouchesAsync(t));

    public Task<IReadOnlyList<Evacuee>> GetEvacueesAsync()
        => InvokeAsync<IShelterRosterGrain, int, IReadOnlyList<Evacuee>>(
            GetEvacuees, 0, static (grain, _) => grain.GetEvacueesAsync());
}

/// <summary>Grain type name of the rosters (stored with every state row: never rename) and its proxy.</summary>
public static class ShelterGrainInterfaces
{
    public const string ShelterRoster = "shelter-roster";

    /// <summary>The place kind whose roster the API shows (API.md).</summary>
    public const string ShelterKind = "shelter";

    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddInterface<IShelterRosterGrain>(ShelterRoster, static (i, id) => new ShelterRosterGrainReference(i, id));
    }
}
