using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Web.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace LoCoPi.Web.Tests.Restart;

/// <summary>
/// Durability end to end: a real Silo process is SIGKILLed while touches are in flight, started
/// again on the same storage, and every touch it had acknowledged must still be there — in the
/// resident's points and history, and as the same answer to a retry.
/// </summary>
public abstract class RestartSuite(ITestOutputHelper output) : IDisposable
{
    private const int Residents = 40;
    private static readonly long[] PlacePoints = [1, 2, 4, 8, 16];

    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-restart-").FullName;

    protected string Directory_ => _directory;

    /// <summary>Silo arguments and environment selecting this provider's fresh storage.</summary>
    protected abstract Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync();

    [Fact]
    public async Task A_second_Silo_on_the_same_storage_refuses_to_start_and_the_first_keeps_serving()
    {
        var (arguments, environment) = await StorageAsync();
        environment["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken;
        await using var first = await SiloProcess.StartAsync(SiloProcess.FreePort(), _directory, arguments, environment);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            SiloProcess.FreePort(), _directory, [.. arguments, "--Storage:LockWaitSeconds=1"], environment));
        var defined = await Client(first.BaseAddress, SiloFixture.AdminToken).PutJsonAsync("/api/v1/tenants/lock", new { name = "朝日町" });
        await first.TerminateAsync(TimeSpan.FromSeconds(30));
        await using var next = await SiloProcess.StartAsync(SiloProcess.FreePort(), _directory, arguments, environment);
        var readBack = await Client(next.BaseAddress, SiloFixture.AdminToken).GetJsonAsync("/api/v1/tenants/lock");

        Assert.Contains("Another Silo is serving", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, defined.Status);
        Assert.Equal(HttpStatusCode.OK, readBack.Status);
    }

    [Fact]
    public async Task Every_acknowledged_touch_survives_a_SIGKILL_and_restart()
    {
        var (arguments, environment) = await StorageAsync();
        environment["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken;
        var port = SiloProcess.FreePort();

        var acknowledged = new List<(string TouchId, string CardId, int Place, JsonNode Body)>();
        string[] readerTokens;
        var tenant = "restart";
        await using (var first = await SiloProcess.StartAsync(port, _directory, arguments, environment))
        {
            var admin = Client(first.BaseAddress, SiloFixture.AdminToken);
            readerTokens = await SetUpTownAsync(admin, tenant);
            var work = Enumerable.Range(0, Residents * PlacePoints.Length)
                .Select(i => (TouchId: "touch-" + i, CardId: "card-" + (i % Residents), Place: i / Residents % PlacePoints.Length))
                .OrderBy(w => w.TouchId.GetHashCode(StringComparison.Ordinal) ^ 0x5f3759df)
                .ToArray();
            var next = -1;
            var killAfter = work.Length / 2;
            var killed = 0;
            var readers = readerTokens.Select(t => Client(first.BaseAddress, t)).ToArray();

            async Task WorkerAsync()
            {
                while (Interlocked.Increment(ref next) is var index && index < work.Length)
                {
                    var item = work[index];
                    try
                    {
                        var response = await readers[item.Place].PostJsonAsync("/api/v1/touches", new { touchId = item.TouchId, cardId = item.CardId });
                        Assert.Equal(HttpStatusCode.OK, response.Status);
                        int count;
                        lock (acknowledged)
                        {
                            acknowledged.Add((item.TouchId, item.CardId, item.Place, response.Body!));
                            count = acknowledged.Count;
                        }

                        if (count >= killAfter && Interlocked.Exchange(ref killed, 1) == 0)
                        {
                            await first.KillAsync();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // The process is gone: requests in flight were never acknowledged.
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync)));
            Assert.Equal(1, killed);
        }

        output.WriteLine($"{acknowledged.Count} touches acknowledged before SIGKILL");
        await using var second = await SiloProcess.StartAsync(port, _directory, arguments, environment);
        var adminAfter = Client(second.BaseAddress, SiloFixture.AdminToken);
        foreach (var group in acknowledged.GroupBy(a => a.CardId))
        {
            var residentId = "resident-" + group.Key["card-".Length..];
            var resident = await adminAfter.GetJsonAsync($"/api/v1/tenants/{tenant}/residents/{residentId}");
            Assert.Equal(HttpStatusCode.OK, resident.Status);
            var history = resident.Body!["recentTouches"]!.AsArray();
            var present = history.Select(h => (string)h!["touchId"]!).ToHashSet();
            Assert.All(group, a => Assert.Contains(a.TouchId, present));
            Assert.Equal(history.Sum(h => (long)h!["pointsAwarded"]!), (long)resident.Body["pointsBalance"]!);
            Assert.True((long)resident.Body["pointsBalance"]! >= group.Sum(a => (long)a.Body["pointsAwarded"]!));
        }

        var readersAfter = readerTokens.Select(t => Client(second.BaseAddress, t)).ToArray();
        foreach (var a in acknowledged)
        {
            var replay = await readersAfter[a.Place].PostJsonAsync("/api/v1/touches", new { touchId = a.TouchId, cardId = a.CardId });
            Assert.Equal(HttpStatusCode.OK, replay.Status);
            Assert.Equal(Http.Json(a.Body), Http.Json(replay.Body));
        }

        Assert.Equal(0, await second.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string[]> SetUpTownAsync(HttpClient admin, string tenant)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{tenant}", new { name = "朝日町" })).Status);
        var tokens = new string[PlacePoints.Length];
        for (var p = 0; p < PlacePoints.Length; p++)
        {
            await admin.PutJsonAsync($"/api/v1/tenants/{tenant}/places/place-{p}", new { name = "施設", kind = "facility", pointsPerVisit = PlacePoints[p] });
            var reader = await admin.PutJsonAsync($"/api/v1/tenants/{tenant}/readers/reader-{p}", new { placeId = $"place-{p}", mode = "visit" });
            tokens[p] = (string)reader.Body!["token"]!;
        }

        for (var r = 0; r < Residents; r++)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{tenant}/residents/resident-{r}", new { })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{tenant}/cards/card-{r}", new { residentId = $"resident-{r}" })).Status);
        }

        return tokens;
    }
}

public sealed class SqliteRestartTests(ITestOutputHelper output) : RestartSuite(output)
{
    protected override Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync()
        => Task.FromResult<(string[], Dictionary<string, string>)>(
            (["--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(Directory_, "data", "locopi.db")], []));
}

public sealed class PostgresRestartTests(ITestOutputHelper output) : RestartSuite(output)
{
    protected override async Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync()
    {
        var connectionString = await PostgresDatabases.CreateAsync("locopi_restart");
        return (["--storage", "postgres"], new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString });
    }
}
