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

    /// <summary>
    /// The credentials and, while too many wrong passwords were tried (see <see cref="LoginThrottling"/>),
    /// the time until which no password is checked; null when the account does not exist.
    /// </summary>
    Task<AccountLogin?> GetLoginAsync();

    /// <summary>Counts a wrong password (one durable write); does nothing when the account does not exist.</summary>
    Task RecordFailedLoginAsync();

    /// <summary>
    /// Remembers a token issued at login (its SHA-256 hash) with its issue and expiry time, and
    /// forgets the wrong passwords counted before: the person proved they know the password.
    /// </summary>
    Task AddTokenAsync(NewAccountToken token);

    /// <summary>The account's role and the token's expiry when the token hash is current and not expired, otherwise null.</summary>
    Task<AccountSession?> AuthenticateAsync(string tokenHash);
}

/// <summary>
/// An account as stored. <see cref="PasswordHash"/> comes from a vetted password hasher.
/// <see cref="ResidentId"/> links a <c>resident</c> account to the resident it belongs to (null otherwise).
/// </summary>
public sealed record AccountDefinition(string Role, string DisplayName, string PasswordHash, string? ResidentId = null);

/// <summary>An account's credentials and, while it is locked, when password checks resume.</summary>
public sealed record AccountLogin(AccountDefinition Account, DateTimeOffset? LockedUntil);

/// <summary>What a valid login token grants, and until when.</summary>
public sealed record AccountSession(string Role, DateTimeOffset ExpiresAt);

/// <summary>A token just issued: its SHA-256 hash and how long it may be used from now.</summary>
public sealed record NewAccountToken(string TokenHash, TimeSpan Lifetime);

/// <summary>
/// The one place for the login-throttling figures. Five wrong passwords in a row is far more than a
/// person mistyping makes, while fifteen minutes after the last one keeps an online guesser to
/// about 480 guesses a day per account (useless against a password of 8+ characters) yet lets a
/// person who forgot their password try again the same morning or ask the town office. The lock is
/// per account, not per client address: a family shares one home address, and a guesser has many.
/// </summary>
public static class LoginThrottling
{
    /// <summary>Wrong passwords counted before the account stops checking passwords.</summary>
    public const int MaxFailures = 5;

    /// <summary>Failures further apart than this start a new count; the lock lasts this long after the last one.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>The count after a failure at <paramref name="now"/>: failures further apart than the window are not a run of guesses.</summary>
    public static int CountAfterFailure(int failures, DateTimeOffset? lastFailureAt, DateTimeOffset now)
        => lastFailureAt is { } last && now - last < Window ? failures + 1 : 1;

    /// <summary>Until when an account with this count stops checking passwords, or null when it checks them.</summary>
    public static DateTimeOffset? LockedUntil(int failures, DateTimeOffset? lastFailureAt, DateTimeOffset now)
        => failures >= MaxFailures && lastFailureAt is { } last && last + Window is var until && until > now ? until : null;
}

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
    private static readonly GrainMethod GetLogin = new(nameof(IAccountGrain), nameof(GetLoginAsync), readOnly: true);
    private static readonly GrainMethod RecordFailedLogin = new(nameof(IAccountGrain), nameof(RecordFailedLoginAsync));
    private static readonly GrainMethod AddToken = new(nameof(IAccountGrain), nameof(AddTokenAsync));
    private static readonly GrainMethod Authenticate = new(nameof(IAccountGrain), nameof(AuthenticateAsync), readOnly: true);

    public Task<UpsertReply> DefineAsync(AccountDefinition definition)
        => InvokeAsync<IAccountGrain, AccountDefinition, UpsertReply>(Define, definition, static (g, d) => g.DefineAsync(d));

    public Task<AccountDefinition?> GetAsync()
        => InvokeAsync<IAccountGrain, bool, AccountDefinition?>(Get, false, static (g, _) => g.GetAsync());

    public Task<AccountLogin?> GetLoginAsync()
        => InvokeAsync<IAccountGrain, bool, AccountLogin?>(GetLogin, false, static (g, _) => g.GetLoginAsync());

    public Task RecordFailedLoginAsync()
        => InvokeAsync<IAccountGrain, bool>(RecordFailedLogin, false, static (g, _) => g.RecordFailedLoginAsync());

    public Task AddTokenAsync(NewAccountToken token)
        => InvokeAsync<IAccountGrain, NewAccountToken>(AddToken, token, static (g, t) => g.AddTokenAsync(t));

    public Task<AccountSession?> AuthenticateAsync(string tokenHash)
        => InvokeAsync<IAccountGrain, string, AccountSession?>(Authenticate, tokenHash, static (g, h) => g.AuthenticateAsync(h));
}
