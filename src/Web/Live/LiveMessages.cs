namespace LoCoPi.Web.Live;

/// <summary>
/// Names of the messages <c>/hubs/live</c> sends and of the methods clients call. One message per
/// kind of live figure; every payload carries the journal <c>seq</c> (or, for runtime figures, a
/// time) so a client can drop stale ones.
/// </summary>
public static class LiveMessages
{
    /// <summary>Server → client: a <see cref="PlaceStatsView"/>, at most every ~100 ms per place.</summary>
    public const string PlaceStats = "placeStats";

    /// <summary>Server → client (reserved for the shelter issue): a shelter's occupancy against capacity.</summary>
    public const string ShelterOccupancy = "shelterOccupancy";

    /// <summary>Server → client: the runtime's statistics snapshot, every second, to clients that joined the runtime.</summary>
    public const string RuntimeStats = "runtimeStats";

    /// <summary>Client → server: join a tenant's group; answers with every place's counters.</summary>
    public const string JoinTenant = "joinTenant";

    /// <summary>Client → server: the names, kinds and capacities of some places (<see cref="LivePlaceInfo"/>).</summary>
    public const string PlaceInfo = "placeInfo";

    /// <summary>Client → server: receive <see cref="RuntimeStats"/> every second.</summary>
    public const string JoinRuntime = "joinRuntime";

    /// <summary>Client → server: stop receiving runtime statistics.</summary>
    public const string LeaveRuntime = "leaveRuntime";

    /// <summary>Client → server: the tenants the operator runs (for picking one).</summary>
    public const string Tenants = "tenants";

    /// <summary>Client → server: join one place's group; answers with that place's counters.</summary>
    public const string JoinPlace = "joinPlace";

    /// <summary>Client → server: leave a tenant's group.</summary>
    public const string LeaveTenant = "leaveTenant";

    /// <summary>Client → server: leave a place's group.</summary>
    public const string LeavePlace = "leavePlace";

    /// <summary>Runtime statistics are node-wide, not per tenant: one group.</summary>
    public const string RuntimeGroup = "runtime";

    public static string TenantGroup(string tenantId) => "tenant:" + tenantId;

    public static string PlaceGroup(string tenantId, string placeId) => "place:" + tenantId + "/" + placeId;
}
