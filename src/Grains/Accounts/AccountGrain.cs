using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Accounts;

/// <summary>Stored state of <see cref="AccountGrain"/>: hashes only.</summary>
public sealed class AccountState
{
    public string Role { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    /// <summary>The resident a <c>resident</c> account belongs to (null when not linked).</summary>
    public string? ResidentId { get; set; }

    /// <summary>
    /// Hashes of tokens issued before tokens expired (records written by earlier versions). Read
    /// only: the first activation moves them into <see cref="Tokens"/>; see <see cref="AccountGrain.LegacyTokenLifetime"/>.
    /// </summary>
    public List<string> TokenHashes { get; set; } = [];

    /// <summary>The newest login tokens, oldest first.</summary>
    public List<StoredAccountToken> Tokens { get; set; } = [];

    /// <summary>Wrong passwords counted in the current run (see <see cref="LoginThrottling"/>).</summary>
    public int FailedLogins { get; set; }

    /// <summary>When the last counted wrong password was tried.</summary>
    public DateTimeOffset? LastFailedLoginAt { get; set; }
}

/// <summary>A login token's hash and its lifetime.</summary>
public sealed class StoredAccountToken
{
    public string Hash { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// A login account; see <see cref="IAccountGrain"/>. Passwords are checked here, in the account's
/// turn, so the lock's check, the password check and the count of a failure are one step that
/// parallel guesses cannot interleave. The grain of an id that is no account (a guessed id, or the
/// id inside a forged token) ends with the call: otherwise every guessed id would keep an
/// activation in memory until idle collection.
/// </summary>
public sealed class AccountGrain(IPasswordVerifier passwords, UnknownAccountFailures unknownFailures)
    : Grain<AccountState>, IAccountGrain
{
    /// <summary>Logins kept valid per account (phones, tablets, a PC); the oldest is dropped beyond it.</summary>
    public const int MaxTokens = 10;

    /// <summary>
    /// Tokens stored without a time (issued before tokens expired) count as issued when their
    /// account is first used after the upgrade, and last as long as the default lifetime (the
    /// pages' cookie lifetime) from then. That time is written at once, so it does not move on
    /// later activations: nobody is logged out by the upgrade, and nobody keeps a token forever.
    /// </summary>
    public static readonly TimeSpan LegacyTokenLifetime = TimeSpan.FromDays(30);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!RecordExists || State.TokenHashes.Count == 0)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        State.Tokens.InsertRange(0, State.TokenHashes.Select(hash =>
            new StoredAccountToken { Hash = hash, IssuedAt = now, ExpiresAt = now + LegacyTokenLifetime }));
        State.TokenHashes = [];
        KeepNewestUnexpired(now);
        // A failed write fails the activation (the state never changed on disk): the next call tries again.
        await WriteStateAsync();
    }

    public async Task<UpsertReply> DefineAsync(AccountDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var created = !RecordExists;
        State.Role = definition.Role;
        State.DisplayName = definition.DisplayName;
        State.PasswordHash = definition.PasswordHash;
        State.ResidentId = definition.ResidentId;
        // A new password or role must not leave old sessions with the old rights; an admin setting a
        // new password also lifts a lock, so the town office can help a person who is locked out.
        State.TokenHashes = [];
        State.Tokens = [];
        State.FailedLogins = 0;
        State.LastFailedLoginAt = null;
        await WriteStateAsync();
        return UpsertReply.Done(created);
    }

    public Task<AccountDefinition?> GetAsync()
        => Task.FromResult(RecordExists ? Definition() : null);

    public async Task<LoginOutcome> LoginAsync(LoginAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentException.ThrowIfNullOrEmpty(attempt.Token.TokenHash);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(attempt.Token.Lifetime, TimeSpan.Zero);
        if (!RecordExists)
        {
            return RefuseUnknownAccount(attempt.Password);
        }

        var now = TimeProvider.GetUtcNow();
        if (LockedUntil(now) is { } until)
        {
            return LoginOutcome.Locked(until);
        }

        if (!passwords.Verify(State.PasswordHash, attempt.Password))
        {
            State.FailedLogins = LoginThrottling.CountAfterFailure(State.FailedLogins, State.LastFailedLoginAt, now);
            State.LastFailedLoginAt = now;
            KeepNewestUnexpired(now);
            await WriteStateAsync();
            return LoginOutcome.Refused;
        }

        State.Tokens.Add(new StoredAccountToken { Hash = attempt.Token.TokenHash, IssuedAt = now, ExpiresAt = now + attempt.Token.Lifetime });
        State.FailedLogins = 0;
        State.LastFailedLoginAt = null;
        KeepNewestUnexpired(now);
        await WriteStateAsync();
        return LoginOutcome.LoggedIn(State.Role, State.DisplayName);
    }

    public Task<AccountSession?> AuthenticateAsync(string tokenHash)
    {
        if (!RecordExists)
        {
            // A forged token naming an id that is no account: nothing to keep in memory. Ending the
            // activation changes no state, so this stays a read-only call.
            DeactivateOnIdle();
            return Task.FromResult<AccountSession?>(null);
        }

        var now = TimeProvider.GetUtcNow();
        var token = State.Tokens.Find(t => t.ExpiresAt > now && string.Equals(t.Hash, tokenHash, StringComparison.Ordinal));
        return Task.FromResult(token is null ? null : new AccountSession(State.Role, token.ExpiresAt));
    }

    /// <summary>
    /// Answers like an account given a wrong password — the same 401 and, after as many guesses, the
    /// same lock — with the count kept in memory (<see cref="UnknownAccountFailures"/>), and ends the
    /// activation: nothing of a guessed id is stored or stays active.
    /// </summary>
    private LoginOutcome RefuseUnknownAccount(string password)
    {
        DeactivateOnIdle();
        if (unknownFailures.LockedUntil(Tenant, Key) is { } until)
        {
            return LoginOutcome.Locked(until);
        }

        // Checked against a throw-away hash, so a wrong id takes as long as a wrong password.
        passwords.Verify(null, password);
        unknownFailures.Record(Tenant, Key);
        return LoginOutcome.Refused;
    }

    private AccountDefinition Definition() => new(State.Role, State.DisplayName, State.PasswordHash, State.ResidentId);

    private DateTimeOffset? LockedUntil(DateTimeOffset now) => LoginThrottling.LockedUntil(State.FailedLogins, State.LastFailedLoginAt, now);

    /// <summary>Before every write: drops expired tokens, then the oldest beyond <see cref="MaxTokens"/>.</summary>
    private void KeepNewestUnexpired(DateTimeOffset now)
    {
        State.Tokens.RemoveAll(t => t.ExpiresAt <= now);
        if (State.Tokens.Count > MaxTokens)
        {
            State.Tokens.RemoveRange(0, State.Tokens.Count - MaxTokens);
        }
    }
}
