using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Platform;

/// <summary>
/// The operator's own record, in the reserved tenant <see cref="SystemTenant"/>: the hash of the
/// admin token and the catalog of tenants (loaded at start-up so /readyz can tell).
/// </summary>
public interface IOperatorGrain : IGrain
{
    public const string SystemTenant = "_system";
    public const string Key = "operator";

    /// <summary>SHA-256 hash (hex) of the admin token, or null before the first start.</summary>
    Task<string?> GetAdminTokenHashAsync();

    Task SetAdminTokenHashAsync(string tokenHash);

    Task AddTenantAsync(string tenantId);

    Task<IReadOnlyList<string>> GetTenantsAsync();
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class OperatorGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IOperatorGrain
{
    private static readonly GrainMethod GetAdminTokenHash = new(nameof(IOperatorGrain), nameof(GetAdminTokenHashAsync), readOnly: true);
    private static readonly GrainMethod SetAdminTokenHash = new(nameof(IOperatorGrain), nameof(SetAdminTokenHashAsync));
    private static readonly GrainMethod AddTenant = new(nameof(IOperatorGrain), nameof(AddTenantAsync));
    private static readonly GrainMethod GetTenants = new(nameof(IOperatorGrain), nameof(GetTenantsAsync), readOnly: true);

    public Task<string?> GetAdminTokenHashAsync()
        => InvokeAsync<IOperatorGrain, bool, string?>(GetAdminTokenHash, false, static (g, _) => g.GetAdminTokenHashAsync());

    public Task SetAdminTokenHashAsync(string tokenHash)
        => InvokeAsync<IOperatorGrain, string>(SetAdminTokenHash, tokenHash, static (g, h) => g.SetAdminTokenHashAsync(h));

    public Task AddTenantAsync(string tenantId)
        => InvokeAsync<IOperatorGrain, string>(AddTenant, tenantId, static (g, t) => g.AddTenantAsync(t));

    public Task<IReadOnlyList<string>> GetTenantsAsync()
        => InvokeAsync<IOperatorGrain, bool, IReadOnlyList<string>>(GetTenants, false, static (g, _) => g.GetTenantsAsync());
}
