using System.Collections.Concurrent;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Tenants;

/// <summary>
/// Each tenant's time zone, asked of the tenant grain once and then kept: the touch, payment and
/// journal-delivery paths need it on every request or batch, and it changes only when a tenant is
/// redefined. The tenant grain then tells this cache (<see cref="Remember"/>), so a changed zone
/// applies from the next request on.
/// One cache per process, which is why one Silo serves a database.
/// </summary>
public sealed class TenantTimeZones(IGrainFactory grainFactory) : ITenantTimeZones
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public async Task<string> GetTimeZoneIdAsync(string tenant)
    {
        if (_cache.TryGetValue(tenant, out var cached))
        {
            return cached;
        }

        var definition = await grainFactory.GetGrain<ITenantGrain>(tenant, tenant).GetAsync();
        if (definition is null)
        {
            // Not defined yet: use the default without keeping it, so the real zone wins once defined.
            return TenantDefinition.DefaultTimeZone;
        }

        // Added only if absent: a redefinition remembered while this read was under way is newer.
        return _cache.GetOrAdd(tenant, definition.TimeZone);
    }

    /// <summary>Called by the tenant grain after it stored a definition.</summary>
    public void Remember(string tenant, string timeZoneId) => _cache[tenant] = timeZoneId;
}
