using System.Diagnostics.CodeAnalysis;

namespace LoCoPi.Web.Auth;

/// <summary>
/// Login tokens, <c>lca.{base64url(tenant)}.{base64url(accountId)}.{secret}</c>, the same shape as
/// reader tokens (<see cref="RoutedTokenFormat"/>): routed to their account grain, which alone knows
/// whether the secret's hash is current, so a token is bound to one tenant and one account.
/// </summary>
public static class AccountTokens
{
    private static readonly RoutedTokenFormat Format = new("lca");

    public static string Create(string tenantId, string accountId) => Format.Create(tenantId, accountId);

    /// <inheritdoc cref="RoutedTokenFormat.HasPrefix"/>
    public static bool HasPrefix(string token) => Format.HasPrefix(token);

    public static bool TryParse(string token, [NotNullWhen(true)] out string? tenantId, [NotNullWhen(true)] out string? accountId)
        => Format.TryParse(token, out tenantId, out accountId);
}
