using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Accounts;

/// <summary>
/// A person's login within a tenant (key = account id): role, display name, the password hash and
/// the hashes of the tokens issued at login. Only hashes are stored, never a password or a token.
/// </summary>
public interface IAccountGrain : IGrain
{
    /// <summary>Creates or replaces the account; replacing it revokes every token issued before.</summary>
    Task<UpsertReply> DefineAsync(AccountDefinition definition);

    /// <summary>The stored credentials, or null when the account does not exist.</summary>
    Task<AccountDefinition?> GetAsync();

    /// <summary>Remembers a token issued at login (its SHA-256 hash).</summary>
    Task AddTokenAsync(string tokenHash);

    /// <summary>The account's role when the token hash is current, otherwise null.</summary>
    Task<string?> AuthenticateAsync(string tokenHash);
}

/// <summary>
/// An account as stored. <see cref="PasswordHash"/> comes from a vetted password hasher.
/// <see cref="ResidentId"/> links a <c>resident</c> account to the resident it belongs to (null otherwise).
/// </summary>
public sealed record AccountDefinition(string Role, string DisplayName, string PasswordHash, string? ResidentId = null);

/// <summary>Values of an account's role.</summary>
public static class AccountRoles
{
    public const string Family = "family";
    public const string Resident = "resident";
    public const string Staff = "staff";
    public const string Merchant = "merchant";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Family, Resident, Staff, Merchant };
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class AccountGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IAccountGrain
{
    private static readonly GrainMethod Define = new(nameof(IAccountGrain), nameof(DefineAsync));
    private static readonly GrainMethod Get = new(nameof(IAccountGrain), nameof(GetAsync), readOnly: true);
    private static readonly GrainMethod AddToken = new(nameof(IAccountGrain), nameof(AddTokenAsync));
    private static readonly GrainMethod Authenticate = new(nameof(IAccountGrain), nameof(AuthenticateAsync), readOnly: true);

    public Task<UpsertReply> DefineAsync(AccountDefinition definition)
        => InvokeAsync<IAccountGrain, AccountDefinition, UpsertReply>(Define, definition, static (g, d) => g.DefineAsync(d));

    public Task<AccountDefinition?> GetAsync()
        => InvokeAsync<IAccountGrain, bool, AccountDefinition?>(Get, false, static (g, _) => g.GetAsync());

    public Task AddTokenAsync(string tokenHash)
        => InvokeAsync<IAccountGrain, string>(AddToken, tokenHash, static (g, h) => g.AddTokenAsync(h));

    public Task<string?> AuthenticateAsync(string tokenHash)
        => InvokeAsync<IAccountGrain, string, string?>(Authenticate, tokenHash, static (g, h) => g.AuthenticateAsync(h));
}
