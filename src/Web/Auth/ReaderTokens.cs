using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using LoCoPi.Web.Validation;

namespace LoCoPi.Web.Auth;

/// <summary>
/// Reader token format: <c>lcr.{base64url(tenant)}.{base64url(readerId)}.{secret}</c>. The prefix lets
/// the edge route the token to its reader grain without a lookup table; base64url keeps the dots in
/// identifiers from breaking the split. Only the reader grain can say whether the secret is current.
/// </summary>
public static class ReaderTokens
{
    private const string Prefix = "lcr";

    public static string Create(string tenantId, string readerId)
        => string.Join('.', Prefix,
            TokenHashing.Base64Url(Encoding.UTF8.GetBytes(tenantId)),
            TokenHashing.Base64Url(Encoding.UTF8.GetBytes(readerId)),
            TokenHashing.NewSecret());

    /// <summary>True when <paramref name="token"/> starts like one of these tokens (it may still be malformed or unknown).</summary>
    public static bool HasPrefix(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length > Prefix.Length && token[Prefix.Length] == '.' && token.StartsWith(Prefix, StringComparison.Ordinal);
    }

    public static bool TryParse(string token, [NotNullWhen(true)] out string? tenantId, [NotNullWhen(true)] out string? readerId)
    {
        ArgumentNullException.ThrowIfNull(token);
        tenantId = readerId = null;
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != Prefix || parts[3].Length < 32)
        {
            return false;
        }

        tenantId = Decode(parts[1]);
        readerId = Decode(parts[2]);
        return Identifiers.IsValidTenant(tenantId) && Identifiers.IsValid(readerId);
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
