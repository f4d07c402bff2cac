using System.Text.Json.Serialization;

namespace LoCoPi.Web.Accounts;

/// <summary>
/// Body of <c>POST /api/v1/tenants/{t}/accounts</c>. The password is hashed at once and never stored.
/// <see cref="ResidentId"/> (optional, role <c>resident</c> only) links the account to its resident's data.
/// </summary>
public sealed record AccountRequest(string AccountId, string Role, string DisplayName, string Password, string? ResidentId = null);

/// <summary>An account as the API shows it (no password, no hash); <c>residentId</c> only when linked.</summary>
public sealed record AccountResponse(
    string TenantId, string AccountId, string Role, string DisplayName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResidentId = null);

/// <summary>Body of <c>POST /api/v1/login</c>.</summary>
public sealed record LoginRequest(string TenantId, string AccountId, string Password);

/// <summary>The login token: a bearer token for apps; pages get the same token as an HttpOnly cookie.</summary>
public sealed record LoginResponse(string Token, string TenantId, string AccountId, string Role, string DisplayName);
