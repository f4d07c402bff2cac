using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>The tenant's grants and their expiry dates, so the sweep finds the due ones without scanning wallets.</summary>
public sealed class GrantBookGrain : Grain<GrantBookState>, IGrantBookGrain
{
    public async Task AddAsync(string grantId, DateOnly expiresOn)
    {
        if (State.Grants.ContainsKey(grantId))
        {
            return;
        }

        State.Grants[grantId] = new GrantBookEntry(expiresOn, false);
        await WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> DueAsync(DateOnly today)
        => Task.FromResult<IReadOnlyList<string>>([.. State.Grants
            .Where(g => !g.Value.Swept && g.Value.ExpiresOn <= today)
            .Select(g => g.Key).Order(StringComparer.Ordinal)]);

    public async Task MarkSweptAsync(string grantId)
    {
        if (State.Grants.TryGetValue(grantId, out var entry) && !entry.Swept)
        {
            State.Grants[grantId] = entry with { Swept = true };
            await WriteStateAsync();
        }
    }
}

public sealed class GrantBookState
{
    public Dictionary<string, GrantBookEntry> Grants { get; set; } = [];
}

public sealed record GrantBookEntry(DateOnly ExpiresOn, bool Swept);
