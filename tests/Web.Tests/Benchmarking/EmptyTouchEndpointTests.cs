using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Benchmarking;

/// <summary>A Silo with the benchmark switch on, as benchmarks/run-touch-load.sh starts it.</summary>
public sealed class BenchmarkSiloFixture : SiloFixture, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-bench-").FullName;

    public string DatabasePath => Path.Combine(_directory, "locopi.db");

    protected override Task<string[]> StorageArgumentsAsync() => Task.FromResult(new[]
    {
        "--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(_directory, "locopi.db"), "--Benchmark:EmptyEndpoint=true",
    });

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

public sealed class EmptyTouchEndpointTests(BenchmarkSiloFixture silo) : IClassFixture<BenchmarkSiloFixture>
{
    private const string EmptyTouch = "/api/v1/benchmark/empty-touch";

    [Fact]
    public async Task Empty_touch_answers_like_a_touch_but_records_nothing()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        await town.ResidentAsync("hanako", "card-1");
        var reader = await town.ReaderAsync("gate", "library");

        var empty = await reader.PostJsonAsync(EmptyTouch, new { touchId = "t-1", cardId = "card-1" });

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("t-1", (string)empty.Body!["touchId"]!);
        Assert.Equal("empty", (string)empty.Body!["outcome"]!);
        Assert.Equal(0, await town.PointsAsync("hanako"));
        // Nothing claimed the touchId either: the real touch with it is a first visit.
        var real = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t-1", cardId = "card-1" });
        Assert.Equal("visit", (string)real.Body!["outcome"]!);
    }

    [Fact]
    public async Task Empty_touch_needs_a_reader_token()
    {
        (await silo.Client().PostJsonAsync(EmptyTouch, new { touchId = "t-1", cardId = "card-1" }))
            .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var asAdmin = await silo.AdminClient().PostJsonAsync(EmptyTouch, new { touchId = "t-1", cardId = "card-1" });
        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.Status);
    }

    [Fact]
    public async Task Empty_touch_rejects_what_a_touch_rejects()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        var reader = await town.ReaderAsync("gate", "library");

        (await reader.PostJsonAsync(EmptyTouch, new { touchId = "not valid!", cardId = "card-1" }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await reader.PostJsonAsync(EmptyTouch, new { cardId = "card-1" }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }
}

public sealed class FloorTouchEndpointTests(BenchmarkSiloFixture silo) : IClassFixture<BenchmarkSiloFixture>
{
    private const string FloorTouch = "/api/v1/benchmark/floor-touch";

    [Fact]
    public async Task Floor_touch_answers_after_its_event_is_in_the_journal_and_touches_nothing_else()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        await town.ResidentAsync("hanako", "card-1");
        var reader = await town.ReaderAsync("gate", "library");

        var first = await reader.PostJsonAsync(FloorTouch, new { touchId = "t-1", cardId = "card-1" });
        var second = await reader.PostJsonAsync(FloorTouch, new { touchId = "t-2", cardId = "card-1" });
        var retry = await reader.PostJsonAsync(FloorTouch, new { touchId = "t-1", cardId = "card-1" });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("floor", (string)first.Body!["outcome"]!);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(Http.Json(first.Body), Http.Json(retry.Body));
        await using (var storage = await StoredJournal.OpenSqliteAsync(silo.DatabasePath))
        {
            var stored = await StoredJournal.ReadAsync(storage, town.TenantId, "benchmark.floor-touch");
            Assert.Equal(["t-1", "t-2"], stored.Select(e => StoredJournal.Property(e, "touchId").GetString()));
            var claim = await storage.ReadClaimAsync(town.TenantId, "benchmark-floor", "t-1", CancellationToken.None);
            Assert.Equal(("gate", "visit 10 120"), (claim!.OwnerGrainKey, claim.Result));
        }

        // No card or resident was involved, and the claim is the floor's own: the real touch with
        // the same id is a first visit.
        Assert.Equal(0, await town.PointsAsync("hanako"));
        var real = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t-1", cardId = "card-1" });
        Assert.Equal("visit", (string)real.Body!["outcome"]!);
    }

    [Fact]
    public async Task Floor_touch_needs_a_reader_token_and_rejects_what_a_touch_rejects()
    {
        (await silo.Client().PostJsonAsync(FloorTouch, new { touchId = "t-1", cardId = "card-1" }))
            .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        var reader = await town.ReaderAsync("gate", "library");
        (await reader.PostJsonAsync(FloorTouch, new { touchId = "not valid!", cardId = "card-1" }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }
}

public sealed class EmptyTouchEndpointSwitchTests(SqliteSiloFixture silo) : IClassFixture<SqliteSiloFixture>
{
    [Fact]
    public async Task Empty_touch_is_not_mapped_unless_the_benchmark_switch_is_on()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        var reader = await town.ReaderAsync("gate", "library");

        var response = await reader.PostJsonAsync("/api/v1/benchmark/empty-touch", new { touchId = "t-1", cardId = "card-1" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }
}
