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
/// Touch-id claims are deleted once no retry can be accepted any more: a touch sent with <c>at</c>
/// is retried only while that <c>at</c> is inside the 7-day upload window, so its claim goes after
/// the retention counted from it. A touch sent without <c>at</c> can be retried at any time, so its
/// claim is kept: pruned, the retry would be applied again. Money claims stay too.
/// </summary>
public abstract class TouchClaimPruningSuite(PruningSiloFixture silo)
{
    [Fact]
    public async Task A_touch_claim_is_pruned_by_its_at_and_a_claim_without_at_is_kept_so_no_late_retry_is_applied_twice()
    {
        silo.Clock.Set(DateTimeOffset.UtcNow);
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        var at = silo.Clock.GetUtcNow();
        var first = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "old-1", cardId = "c1", at });
        var untimed = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "untimed-1", cardId = "c1" });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, untimed.Status);
        var storage = silo.Services.GetRequiredService<IGrainStorage>();
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
        // The pass that pruned old-1 kept untimed-1: its retry, a week later, gets the first answer.
        Assert.NotNull(await storage.ReadClaimAsync(town.TenantId, "touch", "untimed-1", CancellationToken.None));
        var lateRetry = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "untimed-1", cardId = "c1" });
        Assert.Equal(HttpStatusCode.OK, lateRetry.Status);
        Assert.Equal(Http.Json(untimed.Body), Http.Json(lateRetry.Body));
        Assert.Equal(10, await town.PointsAsync("r1"));
    }
}

public sealed class SqliteTouchClaimPruningTests(SqlitePruningSiloFixture silo)
    : TouchClaimPruningSuite(silo), IClassFixture<SqlitePruningSiloFixture>;

public sealed class PostgresTouchClaimPruningTests(PostgresPruningSiloFixture silo)
    : TouchClaimPruningSuite(silo), IClassFixture<PostgresPruningSiloFixture>;
