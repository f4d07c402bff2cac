namespace LoCoPi.Grains.Interfaces;

/// <summary>
/// Machine codes of domain rejections. Grains return them as values; the edge maps each to one
/// problem+json status and wording.
/// </summary>
public static class DomainErrors
{
    public const string UnknownTenant = "unknown_tenant";
    public const string UnknownPlace = "unknown_place";
    public const string UnknownResident = "unknown_resident";
    public const string UnknownCard = "unknown_card";
    public const string CardSuspended = "card_suspended";
    public const string CardAlreadyLinked = "card_already_linked";
    public const string WrongMode = "wrong_mode";
    public const string IdempotencyConflict = "idempotency_conflict";
}

/// <summary>The result of a define-or-update call: whether the record was created, or the rejection code.</summary>
public sealed record UpsertReply(bool Created, string? ErrorCode)
{
    public static UpsertReply Done(bool created) => new(created, null);

    public static UpsertReply Rejected(string errorCode) => new(false, errorCode);
}
