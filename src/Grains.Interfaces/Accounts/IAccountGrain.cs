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
    /// One login attempt, decided in one turn so that guesses sent in parallel are checked one at a
    /// time: while too many wrong passwords were tried (see <see cref="LoginThrottling"/>) it answers
    /// <see cref="LoginResult.Locked"/> without checking the password; otherwise it checks the password
    /// and either stores <see cref="LoginAttempt.Token"/> (forgetting the wrong passwords counted before:
    /// the person proved they know it) or counts the wrong password (one durable write). An id that is
    /// no account answers exactly like an account given a wrong password, lock included, stores nothing
    /// and does not stay active.
    /// </summary>
    Task<LoginOutcome> LoginAsync(LoginAttempt attempt);

    /// <summary>The account's role and the token's expiry when the token hash is current and not expired, otherwise null.</summary>
    Task<AccountSession?> AuthenticateAsync(string tokenHash);
}

/// <summary>
/// An account as stored. <see cref="PasswordHash"/> comes from a vetted password hasher.
/// <see cref="ResidentId"/> links a <c>resident</c> account to the resident it belongs to (null otherwise).
/// </summary>
public sealed record AccountDefinition(string Role, string DisplayName, string PasswordHash, string? ResidentId = null);

/// <summary>
/// A password to check and the token to remember if it is right. The password only passes through
/// the call (in process); it is never stored, logged or journalled.
/// </summary>
public sealed record LoginAttempt(string Password, NewAccountToken Token)
{
    /// <summary>Never the password: a record's generated ToString would print it into any log of the attempt.</summary>
    public override string ToString() => nameof(LoginAttempt);
}

/// <summary>How a login attempt ended.</summary>
public enum LoginResult
{
    /// <summary>The password was right; the attempt's token is stored.</summary>
    LoggedIn,

    /// <summary>Wrong password, or no such account (the two are not told apart).</summary>
    Refused,

    /// <summary>Too many wrong passwords: no password is checked until <see cref="LoginOutcome.LockedUntil"/>.</summary>
    Locked,
}

/// <summary>What a login attempt came to; role and display name only when logged in.</summary>
public sealed record LoginOutcome(LoginResult Result, string? Role = null, string? DisplayName = null, DateTimeOffset? LockedUntil = null)
{
    public static LoginOutcome Refused { get; } = new(LoginResult.Refused);

    public static LoginOutcome LoggedIn(string role, string displayName) => new(LoginResult.LoggedIn, role, displayName);

    public static LoginOutcome Locked(DateTimeOffset until) => new(LoginResult.Locked, LockedUntil: until);
}

/// <summary>
/// Checks a password against its stored hash (the host's vetted password hasher). Given no hash, it
/// checks against a throw-away one and answers false, so an id that is no account takes as long.
/// </summary>
public interface IPasswordVerifier
{
    bool Verify(string? storedHash, string password);
}

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
    private static readonly GrainMethod Login = new(nameof(IAccountGrain), nameof(LoginAsync));
    private static readonly GrainMethod Authenticate = new(nameof(IAccountGrain), nameof(AuthenticateAsync), readOnly: true);

    public Task<UpsertReply> DefineAsync(AccountDefinition definition)
        => InvokeAsync<IAccountGrain, AccountDefinition, UpsertReply>(Define, definition, static (g, d) => g.DefineAsync(d));

    public Task<AccountDefinition?> GetAsync()
        => InvokeAsync<IAccountGrain, bool, AccountDefinition?>(Get, false, static (g, _) => g.GetAsync());

    public Task<LoginOutcome> LoginAsync(LoginAttempt attempt)
        => InvokeAsync<IAccountGrain, LoginAttempt, LoginOutcome>(Login, attempt, static (g, a) => g.LoginAsync(a));

    public Task<AccountSession?> AuthenticateAsync(string tokenHash)
        => InvokeAsync<IAccountGrain, string, AccountSession?>(Authenticate, tokenHash, static (g, h) => g.AuthenticateAsync(h));
}
