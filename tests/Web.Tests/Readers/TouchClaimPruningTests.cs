using System.Net;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Readers;

/// <summary>A Silo that prunes touch claims every 100 ms, kept for the shortest retention allowed.</summary>
public abstract class PruningSiloFixture : SiloFixture
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7) + TimeSpan.FromHours(1);

    protected static string[] PruningArguments =>
        ["--Storage:TouchClaimRetention=" + Retention.ToString("c"), "--Storage:TouchClaimPruneInterval=00:00:00.100"];
}

public sealed class SqlitePruningSiloFixture : PruningSiloFixture, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-prune-").FullName;

    protected override Task<string[]> StorageArgumentsAsync()
        => Task.FromResult<string[]>(["--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(_directory, "locopi.db"), .. PruningArguments]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class PostgresPruningSiloFixture : PruningSiloFixture
{
    protected override async Task<string[]> StorageArgumentsAsync()
        => ["--storage", "postgres", "--ConnectionStrings:Postgres=" + await PostgresDatabases.CreateAsync("locopi_prune"), .. PruningArguments];
}

/// <summary>
/// Touch-id claims are deleted once no retry can be accepted any more (the upload window is 7 days),
/// so the claims table does not grow by a row per touch for good; money claims stay.
/// </summary>
public abstract class TouchClaimPruningSuite(PruningSiloFixture silo)
{
    [Fact]
    public async Task A_touch_claim_is_pruned_after_the_retention_and_a_retry_that_late_is_refused_by_its_age()
    {
        // Claims are stamped by the database's clock: the Silo's clock starts from it.
        silo.Clock.Set(DateTimeOffset.UtcNow);
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        var at = silo.Clock.GetUtcNow();
        var first = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "old-1", cardId = "c1", at });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var storage = silo.Services.GetRequiredService<IGrainStorage>();
        await Task.Delay(500);
        Assert.NotNull(await storage.ReadClaimAsync(town.TenantId, "touch", "old-1", CancellationToken.None));

        silo.Clock.Advance(PruningSiloFixture.Retention + TimeSpan.FromHours(1));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (await storage.ReadClaimAsync(town.TenantId, "touch", "old-1", CancellationToken.None) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the claim is pruned after the retention");
            await Task.Delay(100);
        }

        // The reader's retry carries the touch's time, now older than any upload is accepted.
        (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "old-1", cardId = "c1", at }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(10, await town.PointsAsync("r1"));
    }
}

public sealed class SqliteTouchClaimPruningTests(SqlitePruningSiloFixture silo)
    : TouchClaimPruningSuite(silo), IClassFixture<SqlitePruningSiloFixture>;

public sealed class PostgresTouchClaimPruningTests(PostgresPruningSiloFixture silo)
    : TouchClaimPruningSuite(silo), IClassFixture<PostgresPruningSiloFixture>;
