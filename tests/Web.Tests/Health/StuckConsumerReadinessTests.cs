using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Health;

/// <summary>What a Silo with a <see cref="BreakableProjection"/> and a 1 s <c>Streams:StuckAfterSeconds</c> adds to a fixture.</summary>
internal static class BreakableSilo
{
    public static readonly string[] Settings =
        ["--Streams:StuckAfterSeconds=1", "--Streams:FirstRetryMilliseconds=20", "--Streams:MaxRetrySeconds=0.2"];

    public static void AddProjection(IServiceCollection services, BreakableProjection projection)
    {
        services.AddSingleton(projection);
        services.AddJournalSubscriber<BreakableProjection>(BreakableProjection.SubscriberName);
    }
}

public sealed class SqliteBreakableSiloFixture : SqliteSiloFixture
{
    public BreakableProjection Projection { get; } = new();

    protected override string[] SettingArguments => BreakableSilo.Settings;

    protected override void AddServices(IServiceCollection services) => BreakableSilo.AddProjection(services, Projection);
}

public sealed class PostgresBreakableSiloFixture : PostgresSiloFixture
{
    public BreakableProjection Projection { get; } = new();

    protected override string[] SettingArguments => BreakableSilo.Settings;

    protected override void AddServices(IServiceCollection services) => BreakableSilo.AddProjection(services, Projection);
}

public sealed class SqliteStuckConsumerReadinessTests(SqliteBreakableSiloFixture silo)
    : StuckConsumerReadinessSuite(silo, silo.Projection), IClassFixture<SqliteBreakableSiloFixture>;

public sealed class PostgresStuckConsumerReadinessTests(PostgresBreakableSiloFixture silo)
    : StuckConsumerReadinessSuite(silo, silo.Projection), IClassFixture<PostgresBreakableSiloFixture>;

/// <summary>/readyz over real HTTP while a projection of a real Silo fails, then recovers.</summary>
public abstract class StuckConsumerReadinessSuite(SiloFixture silo, BreakableProjection projection)
{
    [Fact]
    public async Task Readyz_names_a_failing_projection_and_its_tenant_and_is_ready_again_once_it_recovers_with_nothing_skipped()
    {
        var probe = silo.Client();
        await UntilAsync(async () => (await probe.GetJsonAsync("/readyz")).Status == HttpStatusCode.OK, "the node is ready");

        projection.Broken = true;
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("p1");
        await town.ResidentAsync("r1", "c1");

        JsonNode? stuck = null;
        await UntilAsync(async () =>
        {
            var answer = await probe.GetJsonAsync("/readyz");
            stuck = answer.Body?["consumers"]?.AsArray().FirstOrDefault(c => (string?)c!["tenant"] == town.TenantId);
            return answer.Status == HttpStatusCode.ServiceUnavailable && stuck is not null;
        }, "readyz names the stuck consumer");
        Assert.Equal(BreakableProjection.SubscriberName, (string?)stuck!["consumer"]);
        Assert.True((double)stuck["stuckForSeconds"]! >= 1, Http.Json(stuck));
        Assert.True((int)stuck["failures"]! >= 1, Http.Json(stuck));
        Assert.Equal(nameof(InvalidOperationException), (string?)stuck["lastError"]);
        Assert.Empty(projection.Delivered(town.TenantId));

        projection.Broken = false;
        await UntilAsync(async () => (await probe.GetJsonAsync("/readyz")).Status == HttpStatusCode.OK, "the node is ready again");
        var head = silo.Services.GetRequiredService<IJournalStreams>().GetHead(town.TenantId);
        Assert.True(head >= 3, $"head {head}: the tenant, its place and its resident were journalled");
        await UntilAsync(() => Task.FromResult(projection.Delivered(town.TenantId).Count >= head), "every event reaches the projection");
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), projection.Delivered(town.TenantId));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
