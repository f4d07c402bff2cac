using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.Web.Tests.Support;
using LoCoPi.Runtime;
using Xunit;

namespace LoCoPi.Web.Tests.Restart;

/// <summary>
/// The storage promise, read back from the journal itself: a Silo killed with SIGKILL in the middle
/// of a heavy touch load loses no acknowledged touch, holds each one in the journal exactly once, and
/// no resident's state exists without its events or the reverse (points = the sum of the awards
/// journalled for the resident). <see cref="RestartSuite"/> checks the same crash through the API.
/// </summary>
public abstract class JournalCrashSuite : IAsyncLifetime
{
    private const string Tenant = "crash";
    private const string Place = "library";
    private const int Residents = 200;
    private const int ConcurrentReaders = 32;

    protected string WorkDirectory { get; } = Directory.CreateTempSubdirectory("locopi-crash-").FullName;

    /// <summary>The Silo's storage arguments and environment; the same every start, so a restart finds the data.</summary>
    protected abstract Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync();

    /// <summary>Opens the same storage the Silo used, to read its journal directly.</summary>
    protected abstract Task<IGrainStorage> OpenStorageAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        Directory.Delete(WorkDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Acknowledged_touches_survive_sigkill_and_every_state_matches_its_events()
    {
        var (arguments, environment) = await StorageAsync();
        environment["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken;
        var port = SiloProcess.FreePort();
        var silo = await SiloProcess.StartAsync(port, WorkDirectory, arguments, environment);
        string readerToken;
        using (var admin = new AdminApi(silo.BaseAddress, SiloFixture.AdminToken))
        {
            readerToken = await SetUpTownAsync(admin);
        }

        var acknowledged = new ConcurrentDictionary<string, TouchAnswer>();
        using (var load = new CancellationTokenSource())
        {
            var readers = Enumerable.Range(0, ConcurrentReaders)
                .Select(r => TouchUntilCancelledAsync(silo.BaseAddress, readerToken, r, acknowledged, load.Token))
                .ToArray();

            // Kill in the middle of the load: with writes certainly in flight, not at a quiet moment.
            await WaitUntilAsync(() => acknowledged.Count >= 2_000, TimeSpan.FromSeconds(60));
            await silo.KillAsync();
            await load.CancelAsync();
            await Task.WhenAll(readers);
        }

        await using (silo)
        {
        }

        await using var restarted = await SiloProcess.StartAsync(port, WorkDirectory, arguments, environment);
        await AssertEveryAcknowledgedTouchIsAnsweredTheSameAsync(restarted.BaseAddress, readerToken, acknowledged);
        await AssertJournalHoldsEachAcknowledgedTouchOnceAsync(acknowledged);
        await AssertPointsEqualTheSumOfJournalledAwardsAsync(restarted.BaseAddress);
    }

    private static async Task<string> SetUpTownAsync(AdminApi admin)
    {
        await admin.PutAsync($"api/v1/tenants/{Tenant}", new { name = "クラッシュ町", timeZone = "Asia/Tokyo" });
        await admin.PutAsync($"api/v1/tenants/{Tenant}/places/{Place}", new { name = "図書館", kind = "facility", pointsPerVisit = 10 });
        for (var i = 0; i < Residents; i++)
        {
            await admin.PutAsync($"api/v1/tenants/{Tenant}/residents/r{i}", new { displayName = $"住民{i}" });
            await admin.PutAsync($"api/v1/tenants/{Tenant}/cards/c{i}", new { residentId = $"r{i}" });
        }

        return await admin.PutReaderAsync(Tenant, "gate-1", Place, "visit");
    }

    private static async Task TouchUntilCancelledAsync(
        Uri baseAddress, string readerToken, int reader,
        ConcurrentDictionary<string, TouchAnswer> acknowledged, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readerToken);
        var random = new Random(reader);
        for (var n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var touch = new TouchRequest($"t-{reader}-{n}", $"c{random.Next(Residents)}");
            try
            {
                using var response = await http.PostAsJsonAsync("api/v1/touches", touch, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadFromJsonAsync<TouchAnswer>(cancellationToken);
                    acknowledged[touch.TouchId] = body! with { CardId = touch.CardId };
                }
            }
            catch (HttpRequestException)
            {
                return; // the Silo is gone: whatever was not answered was not acknowledged
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task AssertEveryAcknowledgedTouchIsAnsweredTheSameAsync(
        Uri baseAddress, string readerToken, ConcurrentDictionary<string, TouchAnswer> acknowledged)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readerToken);
        foreach (var (touchId, first) in acknowledged)
        {
            using var response = await http.PostAsJsonAsync("api/v1/touches", new TouchRequest(touchId, first.CardId!));
            Assert.True(response.IsSuccessStatusCode, $"replay of {touchId}: {(int)response.StatusCode}");
            var replay = await response.Content.ReadFromJsonAsync<TouchAnswer>();
            Assert.Equal(first with { CardId = null }, replay);
        }
    }

    private async Task AssertJournalHoldsEachAcknowledgedTouchOnceAsync(ConcurrentDictionary<string, TouchAnswer> acknowledged)
    {
        var touchIds = (await ReadTouchEventsAsync()).Select(e => e.TouchId).ToList();
        Assert.Equal(touchIds.Count, touchIds.Distinct().Count());
        var missing = acknowledged.Keys.Except(touchIds).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged touches are not in the journal, e.g. {missing.FirstOrDefault()}");
    }

    private async Task AssertPointsEqualTheSumOfJournalledAwardsAsync(Uri baseAddress)
    {
        var awarded = (await ReadTouchEventsAsync())
            .GroupBy(e => e.ResidentId)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.PointsAwarded));
        using var admin = new AdminApi(baseAddress, SiloFixture.AdminToken);
        for (var i = 0; i < Residents; i++)
        {
            var resident = await admin.GetAsync($"api/v1/tenants/{Tenant}/residents/r{i}");
            Assert.Equal(awarded.GetValueOrDefault($"r{i}"), resident.GetProperty("pointsBalance").GetInt64());
        }
    }

    private async Task<List<JournalledTouch>> ReadTouchEventsAsync()
    {
        await using var storage = await OpenStorageAsync();
        return [.. (await StoredJournal.ReadAsync(storage, Tenant, "touch.recorded")).Select(root => new JournalledTouch(
            StoredJournal.Property(root, "touchId").GetString()!,
            StoredJournal.Property(root, "residentId").GetString()!,
            StoredJournal.Property(root, "pointsAwarded").GetInt64()))];
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the load did not reach its target in time");
            await Task.Delay(20);
        }
    }

    private sealed record TouchRequest(string TouchId, string CardId);

    private sealed record TouchAnswer(string TouchId, string Outcome, long PointsAwarded, long PointsBalance, string Message)
    {
        public string? CardId { get; init; }
    }

    private sealed record JournalledTouch(string TouchId, string ResidentId, long PointsAwarded);
}

public sealed class SqliteJournalCrashTests : JournalCrashSuite
{
    private string DatabasePath => Path.Combine(WorkDirectory, "data", "locopi.db");

    protected override Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync()
        => Task.FromResult<(string[], Dictionary<string, string>)>(
            (["--storage", "sqlite", "--Storage:SqlitePath=" + DatabasePath], []));

    protected override Task<IGrainStorage> OpenStorageAsync() => StoredJournal.OpenSqliteAsync(DatabasePath);
}

public sealed class PostgresJournalCrashTests : JournalCrashSuite
{
    private string? _connectionString;

    protected override async Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync()
    {
        _connectionString = await PostgresDatabases.CreateAsync("locopi_crash");
        return (["--storage", "postgres"], new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = _connectionString });
    }

    protected override Task<IGrainStorage> OpenStorageAsync() => StoredJournal.OpenPostgresAsync(_connectionString!);
}
