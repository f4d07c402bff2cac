namespace LoCoPi.Grains.Interfaces.Tenants;

/// <summary>
/// Each tenant's time zone as the request and journal-delivery paths read it: on every touch,
/// payment or batch, so an implementation answers from memory and learns of a redefined tenant
/// from its grain. "Per day" rules are cut in this zone.
/// </summary>
public interface ITenantTimeZones
{
    /// <summary>The tenant's IANA time zone id; <see cref="TenantDefinition.DefaultTimeZone"/> for a tenant not defined yet.</summary>
    Task<string> GetTimeZoneIdAsync(string tenant);
}
