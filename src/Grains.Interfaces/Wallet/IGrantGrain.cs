using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// One grant to many residents (key = grant id). The order is stored first, with the tenant-wide
/// claim on the grant id; then each wallet gets its bucket through an idempotent call, so a grant
/// that died half way is finished by the next call with the same body (a retry) and never applied
/// twice.
/// </summary>
public interface IGrantGrain : IGrain
{
    /// <summary>Records the order (once) and applies every share still missing.</summary>
    Task<GrantReply> IssueAsync(GrantOrder order);

    /// <summary>When the tenant-local today has reached the expiry date: expires every share; returns yen moved now.</summary>
    Task<long> ExpireAsync();
}

/// <summary>A grant as the admin ordered it. <see cref="BodyHash"/> tells a retry from a reuse of the id.</summary>
public sealed record GrantOrder(
    string GrantId, string BodyHash, IReadOnlyList<string> ResidentIds, long AmountYen, DateOnly ExpiresOn,
    string Reason, string TimeZoneId, string IssuedBy);

/// <summary>How many residents hold the grant, or the rejection code.</summary>
public sealed record GrantReply(long Granted, string? ErrorCode);

/// <summary>Journal event: a grant was ordered (the money moves in one <see cref="MoneyMoved"/> per wallet).</summary>
public sealed record GrantOrdered(
    string GrantId, int Residents, long AmountYen, DateOnly ExpiresOn, string Reason, string IssuedBy) : IJournalEvent
{
    public static string EventType => "grant.ordered";
}

/// <summary>The tenant's list of grants and their expiry dates, for the expiry sweep (key = tenant id).</summary>
public interface IGrantBookGrain : IGrain
{
    Task AddAsync(string grantId, DateOnly expiresOn);

    /// <summary>Grants whose expiry date is on or before <paramref name="today"/> and that were not swept yet.</summary>
    Task<IReadOnlyList<string>> DueAsync(DateOnly today);

    Task MarkSweptAsync(string grantId);
}

public sealed class GrantGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IGrantGrain
{
    private static readonly GrainMethod Issue = new(nameof(IGrantGrain), nameof(IssueAsync));
    private static readonly GrainMethod Expire = new(nameof(IGrantGrain), nameof(ExpireAsync));

    public Task<GrantReply> IssueAsync(GrantOrder order)
        => InvokeAsync<IGrantGrain, GrantOrder, GrantReply>(Issue, order, static (g, o) => g.IssueAsync(o));

    public Task<long> ExpireAsync()
        => InvokeAsync<IGrantGrain, bool, long>(Expire, false, static (g, _) => g.ExpireAsync());
}

public sealed class GrantBookGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IGrantBookGrain
{
    private static readonly GrainMethod Add = new(nameof(IGrantBookGrain), nameof(AddAsync));
    private static readonly GrainMethod Due = new(nameof(IGrantBookGrain), nameof(DueAsync), readOnly: true);
    private static readonly GrainMethod MarkSwept = new(nameof(IGrantBookGrain), nameof(MarkSweptAsync));

    public Task AddAsync(string grantId, DateOnly expiresOn)
        => InvokeAsync<IGrantBookGrain, (string GrantId, DateOnly ExpiresOn)>(
            Add, (grantId, expiresOn), static (g, a) => g.AddAsync(a.GrantId, a.ExpiresOn));

    public Task<IReadOnlyList<string>> DueAsync(DateOnly today)
        => InvokeAsync<IGrantBookGrain, DateOnly, IReadOnlyList<string>>(Due, today, static (g, d) => g.DueAsync(d));

    public Task MarkSweptAsync(string grantId)
        => InvokeAsync<IGrantBookGrain, string>(MarkSwept, grantId, static (g, id) => g.MarkSweptAsync(id));
}
