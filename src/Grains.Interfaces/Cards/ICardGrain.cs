using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Cards;

/// <summary>
/// A card's service ID (key = cardId; never the 12-digit individual number). Maps the card to its
/// resident and holds its status; one activation per card, so a suspension is seen by every reader
/// at once.
/// </summary>
public interface ICardGrain : IGrain
{
    /// <summary>Links the card to a resident. Fails with unknown_resident or card_already_linked.</summary>
    Task<UpsertReply> LinkAsync(string residentId);

    /// <summary>Suspends the card everywhere at once. Fails with unknown_card.</summary>
    Task<CardInfo?> SuspendAsync(string reason);

    /// <summary>The card's owner and status, or null for an unknown card.</summary>
    Task<CardInfo?> GetAsync();
}

/// <summary>A linked card. <see cref="Status"/> is one of <see cref="CardStatuses"/>.</summary>
public sealed record CardInfo(string CardId, string ResidentId, string Status, string? SuspendReason);

public static class CardStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}

/// <summary>Journal event: a card's service ID was linked to a resident.</summary>
public sealed record CardLinked(string CardId, string ResidentId) : IJournalEvent
{
    public static string EventType => "card.linked";
}

/// <summary>Journal event: a card was suspended.</summary>
public sealed record CardSuspended(string CardId, string ResidentId, string Reason) : IJournalEvent
{
    public static string EventType => "card.suspended";
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class CardGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), ICardGrain
{
    private static readonly GrainMethod Link = new(nameof(ICardGrain), nameof(LinkAsync));
    private static readonly GrainMethod Suspend = new(nameof(ICardGrain), nameof(SuspendAsync));
    private static readonly GrainMethod Get = new(nameof(ICardGrain), nameof(GetAsync), readOnly: true);

    public Task<UpsertReply> LinkAsync(string residentId)
        => InvokeAsync<ICardGrain, string, UpsertReply>(Link, residentId, static (g, r) => g.LinkAsync(r));

    public Task<CardInfo?> SuspendAsync(string reason)
        => InvokeAsync<ICardGrain, string, CardInfo?>(Suspend, reason, static (g, r) => g.SuspendAsync(r));

    public Task<CardInfo?> GetAsync()
        => InvokeAsync<ICardGrain, bool, CardInfo?>(Get, false, static (g, _) => g.GetAsync());
}
