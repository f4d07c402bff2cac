using System.Collections.Concurrent;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.PlaceStats;

/// <summary>
/// The tenant's time zone, asked of the tenant grain once and then cached: a municipality does
/// not move, and asking per batch would put a grain call on every journal delivery.
/// </summary>
public sealed class TenantTimeZones(IGrainFactory grainFactory)
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
            // Not defined yet: use the default without caching it, so the real zone wins once defined.
            return PlaceStatsState.DefaultTimeZoneId;
        }

        _cache[tenant] = definition.TimeZone;
        return definition.TimeZone;
    }
}
