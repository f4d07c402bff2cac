using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Cards;

/// <summary>Stored state of <see cref="CardGrain"/>.</summary>
public sealed class CardState
{
    public string ResidentId { get; set; } = "";

    public string Status { get; set; } = CardStatuses.Active;

    public string? SuspendReason { get; set; }
}

/// <summary>
/// A card's service ID. The touch path only reads it (from memory); links and suspensions write it
/// and then tell the resident, who mirrors the status so a touch already past this grain is still
/// refused.
/// </summary>
public sealed class CardGrain : Grain<CardState>, ICardGrain
{
    public async Task<UpsertReply> LinkAsync(string residentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(residentId);
        if (RecordExists && State.ResidentId != residentId)
        {
            // A service ID identifies one person's card; moving it would hand their history to someone else.
            return UpsertReply.Rejected(DomainErrors.CardAlreadyLinked);
        }

        // Resident first: a card stored as linked to a resident who does not list it would be
        // refused at touch time; the reverse is repaired by repeating the PUT.
        var resident = GrainFactory.GetGrain<IResidentGrain>(Tenant, residentId);
        if (!await resident.AttachCardAsync(Key))
        {
            return UpsertReply.Rejected(DomainErrors.UnknownResident);
        }

        if (RecordExists)
        {
            return UpsertReply.Done(created: false);
        }

        State.ResidentId = residentId;
        State.Status = CardStatuses.Active;
        RaiseEvent(new CardLinked(Key, residentId));
        await WriteStateAsync();
        return UpsertReply.Done(created: true);
    }

    public async Task<CardInfo?> SuspendAsync(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (!RecordExists)
        {
            return null;
        }

        if (State.Status != CardStatuses.Suspended)
        {
            State.Status = CardStatuses.Suspended;
            State.SuspendReason = reason;
            RaiseEvent(new CardSuspended(Key, State.ResidentId, reason));
            await WriteStateAsync();
        }

        // Also when already suspended: repairs the resident's mirror after a crash between the two writes.
        await GrainFactory.GetGrain<IResidentGrain>(Tenant, State.ResidentId)
            .SetCardStatusAsync(Key, CardStatuses.Suspended);
        // The wallet refuses the card too, so a payment that read the card as active just before
        // this suspension, but reaches the wallet after it was answered, is still refused.
        await GrainFactory.GetGrain<IWalletGrain>(Tenant, State.ResidentId).SuspendCardAsync(Key);
        return ToInfo();
    }

    public Task<CardInfo?> GetAsync() => Task.FromResult(RecordExists ? ToInfo() : null);

    private CardInfo ToInfo() => new(Key, State.ResidentId, State.Status, State.SuspendReason);
}
