using System.Security.Cryptography;
using System.Text;

namespace LoCoPi.Web.Auth;

/// <summary>
/// Tokens are 256-bit random secrets, so a plain SHA-256 is enough to store them (no dictionary to
/// attack, unlike passwords) and cheap enough to check on every request.
/// </summary>
public static class TokenHashing
{
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>A new 256-bit secret, base64url (no padding): safe in headers and query strings.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static bool HashEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    internal static string Base64Url(ReadOnlySpan<byte> bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
