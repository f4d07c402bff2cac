namespace LoCoPi.Web.Auth;

/// <summary>
/// Authorization policy names. Endpoints (and hubs) say <c>.RequireAuthorization(LoCoPiPolicies.Admin)</c>;
/// a new role (family, staff, merchant) adds a role constant, a claim and a policy here.
/// </summary>
public static class LoCoPiPolicies
{
    /// <summary>The operator's admin token: every tenant.</summary>
    public const string Admin = "locopi.admin";

    /// <summary>A reader token: its own tenant, place and mode (read from the claims).</summary>
    public const string Reader = "locopi.reader";

    /// <summary>A family member's login token: their own tenant and account (read from the claims).</summary>
    public const string Family = "locopi.family";

    /// <summary>A resident's login token: their own tenant and account (the account names the resident).</summary>
    public const string Resident = "locopi.resident";

    /// <summary>A town or nursery staff member's login token: their own tenant.</summary>
    public const string Staff = "locopi.staff";

    /// <summary>The admin token, or a merchant's login token (the handler checks the shop and tenant).</summary>
    public const string MerchantOrAdmin = "locopi.merchant-or-admin";
}

/// <summary>Values of the <see cref="LoCoPiClaims.Role"/> claim.</summary>
public static class LoCoPiRoles
{
    public const string Admin = "admin";
    public const string Reader = "reader";
    public const string Family = "family";
    public const string Resident = "resident";
    public const string Staff = "staff";
    public const string Merchant = "merchant";
}

/// <summary>Claim types the bearer handler issues.</summary>
public static class LoCoPiClaims
{
    public const string Role = "locopi:role";
    public const string Tenant = "locopi:tenant";
    public const string Reader = "locopi:reader";
    public const string Place = "locopi:place";
    public const string Mode = "locopi:mode";
    public const string Account = "locopi:account";

    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "LoCoPiBearer";
}
