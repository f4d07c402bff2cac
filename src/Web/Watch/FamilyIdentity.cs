using System.Security.Claims;
using LoCoPi.Web.Auth;

namespace LoCoPi.Web.Watch;

/// <summary>The tenant and account of a family login, from the claims the bearer handler verified.</summary>
public sealed record FamilyIdentity(string TenantId, string AccountId)
{
    public static FamilyIdentity From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The Family policy requires both claims, so they are present wherever this is called.
        return new FamilyIdentity(user.FindFirstValue(LoCoPiClaims.Tenant)!, user.FindFirstValue(LoCoPiClaims.Account)!);
    }

    /// <summary>The SignalR group of this account's connections.</summary>
    public string Group => AccountGroup(TenantId, AccountId);

    public static string AccountGroup(string tenantId, string accountId) => "account:" + tenantId + "/" + accountId;
}
