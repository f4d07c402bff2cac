using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using LoCoPi.Web.Validation;

namespace LoCoPi.Web.Auth;

/// <summary>
/// The shape reader and login tokens share: <c>{prefix}.{base64url(tenant)}.{base64url(id)}.{secret}</c>.
/// The prefix and the ids route a token to the one grain that can say whether its secret is current,
/// without a lookup table; base64url keeps the dots in identifiers from breaking the split.
/// </summary>
internal sealed class RoutedTokenFormat(string prefix)
{
    public string Create(string tenantId, string id)
        => string.Join('.', prefix,
            TokenHashing.Base64Url(Encoding.UTF8.GetBytes(tenantId)),
            TokenHashing.Base64Url(Encoding.UTF8.GetBytes(id)),
            TokenHashing.NewSecret());

    /// <summary>True when <paramref name="token"/> starts like one of these tokens (it may still be malformed or unknown).</summary>
    public bool HasPrefix(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length > prefix.Length && token[prefix.Length] == '.' && token.StartsWith(prefix, StringComparison.Ordinal);
    }

    public bool TryParse(string token, [NotNullWhen(true)] out string? tenantId, [NotNullWhen(true)] out string? id)
    {
        ArgumentNullException.ThrowIfNull(token);
        tenantId = id = null;
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != prefix || parts[3].Length < 32)
        {
            return false;
        }

        tenantId = Decode(parts[1]);
        id = Decode(parts[2]);
        return Identifiers.IsValidTenant(tenantId) && Identifiers.IsValid(id);
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
