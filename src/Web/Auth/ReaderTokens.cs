using System.Diagnostics.CodeAnalysis;

namespace LoCoPi.Web.Auth;

/// <summary>
/// Reader tokens, <c>lcr.{base64url(tenant)}.{base64url(readerId)}.{secret}</c>
/// (<see cref="RoutedTokenFormat"/>): only the reader grain can say whether the secret is current.
/// </summary>
public static class ReaderTokens
{
    private static readonly RoutedTokenFormat Format = new("lcr");

    public static string Create(string tenantId, string readerId) => Format.Create(tenantId, readerId);

    /// <inheritdoc cref="RoutedTokenFormat.HasPrefix"/>
    public static bool HasPrefix(string token) => Format.HasPrefix(token);

    public static bool TryParse(string token, [NotNullWhen(true)] out string? tenantId, [NotNullWhen(true)] out string? readerId)
        => Format.TryParse(token, out tenantId, out readerId);
}
