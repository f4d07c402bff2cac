using System.Security.Cryptography;
using System.Text;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Readers;

/// <summary>Stored state of <see cref="ReaderGrain"/>. Only the token's hash is kept.</summary>
public sealed class ReaderState
{
    public string PlaceId { get; set; } = "";

    public string Mode { get; set; } = "";

    public string TokenHash { get; set; } = "";
}

/// <summary>
/// A reader terminal. Authentication is answered from the activation's memory (the state is the
/// cache), so the hot path costs one in-process call and no storage read.
/// </summary>
public sealed class ReaderGrain : Grain<ReaderState>, IReaderGrain
{
    public async Task<UpsertReply> RegisterAsync(ReaderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var place = await GrainFactory.GetGrain<IPlaceGrain>(Tenant, registration.PlaceId).GetAsync();
        if (place is null)
        {
            return UpsertReply.Rejected(DomainErrors.UnknownPlace);
        }

        var created = !RecordExists;
        State.PlaceId = registration.PlaceId;
        State.Mode = registration.Mode;
        State.TokenHash = registration.TokenHash;
        RaiseEvent(new ReaderRegistered(Key, registration.PlaceId, registration.Mode));
        await WriteStateAsync();
        return UpsertReply.Done(created);
    }

    public Task<ReaderIdentity?> AuthenticateAsync(string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        if (!RecordExists)
        {
            // A forged token naming a reader that does not exist: without this every guessed reader id
            // would keep an activation until idle collection. Ending the activation changes no state.
            DeactivateOnIdle();
            return Task.FromResult<ReaderIdentity?>(null);
        }

        if (State.TokenHash.Length == 0)
        {
            return Task.FromResult<ReaderIdentity?>(null);
        }

        // Fixed-time comparison: response timing must not reveal how much of a guessed hash matched.
        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(State.TokenHash), Encoding.ASCII.GetBytes(tokenHash));
        return Task.FromResult(matches ? new ReaderIdentity(Tenant, Key, State.PlaceId, State.Mode) : null);
    }
}
