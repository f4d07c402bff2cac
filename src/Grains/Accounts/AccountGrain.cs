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

    /// <summary>Hashes of the newest login tokens, oldest first.</summary>
    public List<string> TokenHashes { get; set; } = [];
}

/// <summary>A login account; see <see cref="IAccountGrain"/>.</summary>
public sealed class AccountGrain : Grain<AccountState>, IAccountGrain
{
    /// <summary>Logins kept valid per account (phones, tablets, a PC); the oldest is dropped beyond it.</summary>
    public const int MaxTokens = 10;

    public async Task<UpsertReply> DefineAsync(AccountDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var created = !RecordExists;
        State.Role = definition.Role;
        State.DisplayName = definition.DisplayName;
        State.PasswordHash = definition.PasswordHash;
        State.ResidentId = definition.ResidentId;
        // A new password or role must not leave old sessions with the old rights.
        State.TokenHashes = [];
        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
        return UpsertReply.Done(created);
    }

    public Task<AccountDefinition?> GetAsync()
        => Task.FromResult(RecordExists ? new AccountDefinition(State.Role, State.DisplayName, State.PasswordHash, State.ResidentId) : null);

    public async Task AddTokenAsync(string tokenHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        if (!RecordExists)
        {
            return;
        }

        State.TokenHashes.Add(tokenHash);
        if (State.TokenHashes.Count > MaxTokens)
        {
            State.TokenHashes.RemoveRange(0, State.TokenHashes.Count - MaxTokens);
        }

        await GrainWrites.CommitOrReloadAsync(WriteStateAsync, ReadStateAsync, DeactivateOnIdle);
    }

    public Task<string?> AuthenticateAsync(string tokenHash)
        => Task.FromResult(RecordExists && State.TokenHashes.Contains(tokenHash, StringComparer.Ordinal) ? State.Role : null);
}
