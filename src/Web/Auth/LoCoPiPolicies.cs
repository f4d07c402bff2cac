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
}

/// <summary>Values of the <see cref="LoCoPiClaims.Role"/> claim.</summary>
public static class LoCoPiRoles
{
    public const string Admin = "admin";
    public const string Reader = "reader";
}

/// <summary>Claim types the bearer handler issues.</summary>
public static class LoCoPiClaims
{
    public const string Role = "locopi:role";
    public const string Tenant = "locopi:tenant";
    public const string Reader = "locopi:reader";
    public const string Place = "locopi:place";
    public const string Mode = "locopi:mode";

    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "LoCoPiBearer";
}
