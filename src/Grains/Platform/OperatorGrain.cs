using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Platform;

/// <summary>Stored state of <see cref="OperatorGrain"/>.</summary>
public sealed class OperatorState
{
    public string? AdminTokenHash { get; set; }

    public List<string> Tenants { get; set; } = [];
}

/// <summary>The operator's record in the reserved "_system" tenant: admin token hash and tenant catalog.</summary>
public sealed class OperatorGrain : Grain<OperatorState>, IOperatorGrain
{
    public Task<string?> GetAdminTokenHashAsync() => Task.FromResult(State.AdminTokenHash);

    public async Task SetAdminTokenHashAsync(string tokenHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        if (State.AdminTokenHash == tokenHash && RecordExists)
        {
            return;
        }

        State.AdminTokenHash = tokenHash;
        await WriteStateAsync();
    }

    public async Task AddTenantAsync(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (State.Tenants.Contains(tenantId))
        {
            return;
        }

        State.Tenants.Add(tenantId);
        await WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetTenantsAsync() => Task.FromResult<IReadOnlyList<string>>([.. State.Tenants]);
}
