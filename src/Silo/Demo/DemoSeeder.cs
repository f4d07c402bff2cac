using System.Globalization;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;

namespace LoCoPi.Silo.Demo;

/// <summary>
/// Defines the demo town through the same grain calls the admin endpoints make. Every call is a
/// define-or-update, so seeding again after a restart changes nothing but the readers' tokens
/// (a token is only ever known to whoever registered it, and only its hash is stored).
/// </summary>
internal sealed class DemoSeeder(IGrainFactory grainFactory)
{
    /// <summary>Seeds the town; returns the reader tokens to touch with, by reader ID.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SeedAsync(CancellationToken cancellationToken)
    {
        const string tenant = DemoTown.TenantId;
        Check(await grainFactory.GetGrain<ITenantGrain>(tenant, tenant)
            .DefineAsync(new TenantDefinition(tenant, DemoTown.Name, DemoTown.TimeZone)), "tenant");

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var place in DemoTown.Places)
        {
            Check(await grainFactory.GetGrain<IPlaceGrain>(tenant, place.PlaceId).DefineAsync(new PlaceDefinition(
                place.PlaceId, place.Name, place.Kind, place.PointsPerVisit, place.Capacity, null)), place.PlaceId);
            foreach (var reader in place.Readers)
            {
                // Issued exactly as PUT …/readers/{id} issues it: the token names its reader, the grain keeps the hash.
                var token = ReaderTokens.Create(tenant, reader.ReaderId);
                Check(await grainFactory.GetGrain<IReaderGrain>(tenant, reader.ReaderId).RegisterAsync(
                    new ReaderRegistration(place.PlaceId, reader.Mode, TokenHashing.Hash(token))), reader.ReaderId);
                tokens[reader.ReaderId] = token;
            }
        }

        // The reader the banner's simulation command touches with (see DemoReaderSimulation).
        var simulationToken = ReaderTokens.Create(tenant, DemoReaderSimulation.ReaderId);
        Check(await grainFactory.GetGrain<IReaderGrain>(tenant, DemoReaderSimulation.ReaderId).RegisterAsync(
            new ReaderRegistration(DemoReaderSimulation.PlaceId, DemoReaderSimulation.Mode, TokenHashing.Hash(simulationToken))),
            DemoReaderSimulation.ReaderId);
        tokens[DemoReaderSimulation.ReaderId] = simulationToken;

        // Residents in small parallel groups: each is its own grain, and 400 sequential round
        // trips through group commit would keep a newcomer waiting.
        await Parallel.ForEachAsync(Enumerable.Range(1, DemoTown.Residents),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (n, _) =>
            {
                var residentId = ResidentId(n);
                Check(await grainFactory.GetGrain<IResidentGrain>(tenant, residentId).DefineAsync(
                    new ResidentProfile(DemoAccounts.DisplayNameOf(n), 1940 + (n % 70), null)), residentId);
                Check(await grainFactory.GetGrain<ICardGrain>(tenant, CardId(n)).LinkAsync(residentId), CardId(n));
            });
        return tokens;
    }

    public static string ResidentId(int n) => "r" + n.ToString("D4", CultureInfo.InvariantCulture);

    public static string CardId(int n) => "card-" + n.ToString("D4", CultureInfo.InvariantCulture);

    private static void Check(UpsertReply reply, string what)
    {
        if (reply.ErrorCode is { } code)
        {
            throw new InvalidOperationException($"Demo seeding of {what} was refused: {code}.");
        }
    }
}
