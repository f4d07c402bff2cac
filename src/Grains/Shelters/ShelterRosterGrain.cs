using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Shelters;

/// <summary>Keeps one place's roster; see <see cref="IShelterRosterGrain"/>.</summary>
public sealed class ShelterRosterGrain : Grain<ShelterRosterState>, IShelterRosterGrain
{
    public async Task ApplyTouchesAsync(IReadOnlyList<RosterTouch> touches)
    {
        if (ShelterRosterRules.Apply(State, touches, TimeProvider.GetUtcNow()) > 0)
        {
            // One write per batch: the roster and the dedupe mark (LastSeq) commit together, so a
            // batch redelivered after a crash is recognised and never applied twice.
            await WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Evacuee>> GetEvacueesAsync() => Task.FromResult(ShelterRosterRules.Evacuees(State));
}
