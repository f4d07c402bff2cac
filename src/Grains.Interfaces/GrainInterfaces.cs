using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Claims;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces;

/// <summary>
/// Grain type names (stored with every state row: never rename one) and the proxy registrations.
/// </summary>
public static class GrainInterfaces
{
    public const string Tenant = "tenant";
    public const string Place = "place";
    public const string Reader = "reader";
    public const string Resident = "resident";
    public const string Card = "card";
    public const string Operator = "operator";
    public const string ClaimedRequests = "claimed-requests";

    /// <summary>Registers the hand-written proxy of every grain interface in this assembly.</summary>
    public static GrainTypeRegistry Register(GrainTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddInterface<ITenantGrain>(Tenant, static (i, id) => new TenantGrainReference(i, id))
            .AddInterface<IPlaceGrain>(Place, static (i, id) => new PlaceGrainReference(i, id))
            .AddInterface<IReaderGrain>(Reader, static (i, id) => new ReaderGrainReference(i, id))
            .AddInterface<IResidentGrain>(Resident, static (i, id) => new ResidentGrainReference(i, id))
            .AddInterface<ICardGrain>(Card, static (i, id) => new CardGrainReference(i, id))
            .AddInterface<IOperatorGrain>(Operator, static (i, id) => new OperatorGrainReference(i, id))
            .AddInterface<IClaimedRequestsGrain>(ClaimedRequests, static (i, id) => new ClaimedRequestsGrainReference(i, id));
    }
}
