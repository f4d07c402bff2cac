using LoCoPi.Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Identity;

namespace LoCoPi.Web.Accounts;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a
/// per-password salt, format versioned so the work factor can grow). Unknown accounts are checked
/// against a throw-away hash so a wrong account id takes as long as a wrong password. The account
/// grain checks passwords with it (<see cref="IPasswordVerifier"/>); the edge hashes new ones.
/// </summary>
public sealed class AccountPasswords : IPasswordVerifier
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly object User = new();
    private readonly PasswordHasher<object> _hasher = new();
    private readonly Lazy<string> _decoy;

    public AccountPasswords() => _decoy = new(() => _hasher.HashPassword(User, Guid.NewGuid().ToString("N")));

    public static bool IsAcceptable(string? password)
        => password is { Length: >= MinLength and <= MaxLength } && !password.Any(char.IsControl);

    public string Hash(string password) => _hasher.HashPassword(User, password);

    public bool Verify(string? storedHash, string password)
    {
        var result = _hasher.VerifyHashedPassword(User, storedHash ?? _decoy.Value, password);
        return storedHash is not null && result != PasswordVerificationResult.Failed;
    }
}
