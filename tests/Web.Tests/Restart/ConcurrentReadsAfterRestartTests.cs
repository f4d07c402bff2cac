using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Restart;

/// <summary>
/// A resident is rebuilt, when first read after a restart, from its snapshot plus the touches
/// journalled after it. Family and staff pages read it at the same time; reads interleave on the
/// grain, and each used to replay those touches again (5 touches of 10 points read as 100, and the
/// next touch stored 110 for good).
/// </summary>
public sealed class ConcurrentReadsAfterRestartTests : IDisposable
{
    private const string Tenant = "reads";
    private const int Places = 6;
    private const long PointsPerVisit = 10;

    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-reads-").FullName;

    [Fact]
    public async Task After_a_restart_concurrent_reads_show_the_stored_balance_and_the_next_touch_adds_only_its_own_points()
    {
        var database = await PostgresDatabases.CreateAsync("locopi_reads");
        string[] arguments = ["--storage", "postgres"];
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken,
        };
        string[] readerTokens;
        await using (var first = await SiloProcess.StartAsync(SiloProcess.FreePort(), _directory, arguments, environment))
        {
            readerTokens = await SetUpTownAsync(Client(first.BaseAddress, SiloFixture.AdminToken));
            for (var p = 0; p < Places - 1; p++)
            {
                var touch = await Client(first.BaseAddress, readerTokens[p]).PostJsonAsync("/api/v1/touches", new { touchId = "t" + p, cardId = "c1" });
                Assert.Equal(HttpStatusCode.OK, touch.Status);
            }

            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        await using var second = await SiloProcess.StartAsync(SiloProcess.FreePort(), _directory, arguments, environment);
        var admin = Client(second.BaseAddress, SiloFixture.AdminToken);
        var reads = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => admin.GetJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1")));
        var next = await Client(second.BaseAddress, readerTokens[Places - 1]).PostJsonAsync("/api/v1/touches", new { touchId = "t-next", cardId = "c1" });
        var after = await admin.GetJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1");

        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(reads, r => Assert.Equal(5 * PointsPerVisit, (long)r.Body!["pointsBalance"]!));
        Assert.Equal(6 * PointsPerVisit, (long)next.Body!["pointsBalance"]!);
        Assert.Equal(6 * PointsPerVisit, (long)after.Body!["pointsBalance"]!);
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
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string[]> SetUpTownAsync(HttpClient admin)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "朝日町" })).Status);
        var tokens = new string[Places];
        for (var p = 0; p < Places; p++)
        {
            await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/places/place-{p}", new { name = "施設", kind = "facility", pointsPerVisit = PointsPerVisit });
            var reader = await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/readers/reader-{p}", new { placeId = $"place-{p}", mode = "visit" });
            tokens[p] = (string)reader.Body!["token"]!;
        }

        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1", new { })).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/cards/c1", new { residentId = "r1" })).Status);
        return tokens;
    }
}
