using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using LoCoPi.Web.Validation;

namespace LoCoPi.Web.Auth;

/// <summary>
/// Login token format: <c>lca.{base64url(tenant)}.{base64url(accountId)}.{secret}</c>, the same shape
/// as reader tokens, so the edge routes the token to its account grain, which alone knows whether
/// the secret's hash is current. The token is therefore bound to one tenant and one account.
/// </summary>
public static class AccountTokens
{
    private const string Prefix = "lca";

    public static string Create(string tenantId, string accountId)
        => string.Join('.', Prefix,
            TokenHashing.Base64Url(Encoding.UTF8.GetBytes(tenantId)),
            TokenHashing.Base64Url(Encoding.UTF8.GetBytes(accountId)),
            TokenHashing.NewSecret());

    /// <summary>True when <paramref name="token"/> starts like one of these tokens (it may still be malformed or unknown).</summary>
    public static bool HasPrefix(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length > Prefix.Length && token[Prefix.Length] == '.' && token.StartsWith(Prefix, StringComparison.Ordinal);
    }

    public static bool TryParse(string token, [NotNullWhen(true)] out string? tenantId, [NotNullWhen(true)] out string? accountId)
    {
        ArgumentNullException.ThrowIfNull(token);
        tenantId = accountId = null;
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != Prefix || parts[3].Length < 32)
        {
            return false;
        }

        tenantId = Decode(parts[1]);
        accountId = Decode(parts[2]);
        return Identifiers.IsValidTenant(tenantId) && Identifiers.IsValid(accountId);
    }

    private static string? Decode(string part)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
