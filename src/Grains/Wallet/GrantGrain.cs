using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// One grant to many residents. The order is written first with the claim on the grant id, then
/// every wallet gets its share through <see cref="IWalletGrain.ApplyGrantAsync"/>, which adds a
/// bucket only once. So a grant that died half way (crash, timeout) is finished by the retry of
/// the same request, and a retry after completion only answers: no wallet is ever granted twice.
/// </summary>
public sealed class GrantGrain : Grain<GrantState>, IGrantGrain
{
    /// <summary>Wallet calls in flight at once: overlaps group commits without flooding the queue.</summary>
    private const int Parallelism = 32;

    public async Task<GrantReply> IssueAsync(GrantOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (RecordExists && State.BodyHash != order.BodyHash)
        {
            return new GrantReply(0, DomainErrors.IdempotencyConflict);
        }

        if (!RecordExists)
        {
            State = new GrantState
            {
                BodyHash = order.BodyHash,
                ResidentIds = [.. order.ResidentIds],
                AmountYen = order.AmountYen,
                ExpiresOn = order.ExpiresOn,
                Reason = order.Reason,
                TimeZoneId = order.TimeZoneId,
                IssuedBy = order.IssuedBy,
                IssuedAt = TimeProvider.GetUtcNow(),
            };
            RaiseEvent(new GrantOrdered(Key, order.ResidentIds.Count, order.AmountYen, order.ExpiresOn, order.Reason, order.IssuedBy));
            IdempotencyClaim[] claim = [new(MoneyScopes.Grant, Key, Key, order.BodyHash)];
            await WriteStateAsync(claim);
        }

        await FinishAsync();
        return new GrantReply(State.ResidentIds.Count, null);
    }

    public async Task<long> ExpireAsync()
    {
        if (!RecordExists)
        {
            return 0;
        }

        var today = WalletBook.LocalDate(TimeProvider.GetUtcNow(), State.TimeZoneId);
        if (State.ExpiresOn > today)
        {
            return 0;
        }

        await FinishAsync();
        long moved = 0;
        foreach (var chunk in State.ResidentIds.Chunk(Parallelism))
        {
            var results = await Task.WhenAll(chunk.Select(r => GrainFactory.GetGrain<IWalletGrain>(Tenant, r).ExpireDueAsync(State.TimeZoneId)));
            moved = checked(moved + results.Sum());
        }

        await GrainFactory.GetGrain<IGrantBookGrain>(Tenant, Tenant).MarkSweptAsync(Key);
        return moved;
    }

    /// <summary>Applies every share; wallets that already hold the grant answer without a write.</summary>
    private async Task FinishAsync()
    {
        if (State.Completed)
        {
            return;
        }

        await GrainFactory.GetGrain<IGrantBookGrain>(Tenant, Tenant).AddAsync(Key, State.ExpiresOn);
        var share = new GrantShare(Key, State.AmountYen, State.ExpiresOn, State.Reason, State.TimeZoneId);
        foreach (var chunk in State.ResidentIds.Chunk(Parallelism))
        {
            await Task.WhenAll(chunk.Select(r => GrainFactory.GetGrain<IWalletGrain>(Tenant, r).ApplyGrantAsync(share)));
        }

        State.Completed = true;
        await WriteStateAsync();
    }
}

/// <summary>Stored state of <see cref="GrantGrain"/>.</summary>
public sealed class GrantState
{
    public string BodyHash { get; set; } = "";

    public List<string> ResidentIds { get; set; } = [];

    public long AmountYen { get; set; }

    public DateOnly ExpiresOn { get; set; }

    public string Reason { get; set; } = "";

    public string TimeZoneId { get; set; } = "Asia/Tokyo";

    public string IssuedBy { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Every wallet holds its share.</summary>
    public bool Completed { get; set; }
}
