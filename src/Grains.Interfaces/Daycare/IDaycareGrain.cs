using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Daycare;

/// <summary>
/// One nursery's enrolment and attendance (key = the daycare place id): which children are enrolled
/// with which guardians, and who is present. Fed from the journal by the "watch-alerts" subscriber;
/// touches at or below the last applied sequence number are ignored (delivery is at least once).
/// </summary>
public interface IDaycareGrain : IGrain
{
    /// <summary>Enrols a child, dropped off and picked up by the given guardian (a resident with a card).</summary>
    Task EnrolAsync(string childId, string guardianId);

    /// <summary>Applies a guardian's check-in or check-out; returns the children it moved (empty when not a guardian here).</summary>
    Task<IReadOnlyList<string>> ApplyGuardianTouchAsync(GuardianTouch touch);

    /// <summary>Children present now, in order of arrival.</summary>
    Task<IReadOnlyList<PresentChild>> GetPresentAsync();
}

/// <summary>A guardian's committed check-in (<c>checked_in</c>) or check-out (<c>checked_out</c>) at the nursery.</summary>
public sealed record GuardianTouch(long Seq, string GuardianId, string Outcome, DateTimeOffset At);

public sealed record PresentChild(string ChildId, DateTimeOffset Since);

public sealed class DaycareGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IDaycareGrain
{
    private static readonly GrainMethod Enrol = new(nameof(IDaycareGrain), nameof(EnrolAsync));
    private static readonly GrainMethod ApplyGuardianTouch = new(nameof(IDaycareGrain), nameof(ApplyGuardianTouchAsync));
    private static readonly GrainMethod GetPresent = new(nameof(IDaycareGrain), nameof(GetPresentAsync), readOnly: true);

    public Task EnrolAsync(string childId, string guardianId)
        => InvokeAsync<IDaycareGrain, (string ChildId, string GuardianId)>(
            Enrol, (childId, guardianId), static (g, a) => g.EnrolAsync(a.ChildId, a.GuardianId));

    public Task<IReadOnlyList<string>> ApplyGuardianTouchAsync(GuardianTouch touch)
        => InvokeAsync<IDaycareGrain, GuardianTouch, IReadOnlyList<string>>(
            ApplyGuardianTouch, touch, static (g, t) => g.ApplyGuardianTouchAsync(t));

    public Task<IReadOnlyList<PresentChild>> GetPresentAsync()
        => InvokeAsync<IDaycareGrain, bool, IReadOnlyList<PresentChild>>(GetPresent, false, static (g, _) => g.GetPresentAsync());
}

/// <summary>The place kind of nurseries (API.md); only there do guardians' check-ins move children.</summary>
public static class DaycarePlaces
{
    public const string Kind = "daycare";
}
