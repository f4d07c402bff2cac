using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// A grant to many residents killed half way (SIGKILL of the real Silo process while wallets are
/// being granted) is finished by the retry of the same request after the restart: every resident
/// holds the grant exactly once, and the ledger agrees.
/// </summary>
public sealed class GrantCrashTests : IDisposable
{
    private const string Tenant = "grantcrash";
    private const int Residents = 1_500;
    private const long Amount = 50_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-grant-crash-").FullName;

    [Fact]
    public async Task A_grant_killed_half_way_is_finished_by_its_retry_and_applied_once_per_resident()
    {
        string[] arguments = ["--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(_directory, "locopi.db")];
        var environment = new Dictionary<string, string> { ["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken };
        var port = SiloProcess.FreePort();
        var residents = Enumerable.Range(0, Residents).Select(i => $"r-{i}").ToArray();
        var grant = new { grantId = "g-high-school", residentIds = residents, amountYen = Amount, expiresOn = "2030-03-31", reason = "高校入学祝い" };

        await using (var silo = await SiloProcess.StartAsync(port, _directory, arguments, environment))
        {
            using var admin = Admin(silo.BaseAddress);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "付与町" })).Status);
            await Parallel.ForEachAsync(residents, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) =>
                Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/residents/{r}", new { })).Status));

            var granting = admin.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants", grant);
            // Kill as soon as the first wallet holds the grant: the rest are still being written.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await admin.GetJsonAsync($"/api/v1/tenants/{Tenant}/residents/r-0/wallet")).Body!["grants"]!.AsArray().Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the grant never reached the first wallet");
            }

            await silo.KillAsync();
            try
            {
                // Usually cut off by the kill; if the grant won the race its retry must still change nothing.
                await granting;
            }
            catch (HttpRequestException)
            {
            }
        }

        await using var restarted = await SiloProcess.StartAsync(port, _directory, arguments, environment);
        using var again = Admin(restarted.BaseAddress);
        var before = (await again.GetJsonAsync($"/api/v1/tenants/{Tenant}/ledger/summary")).Body!;
        WalletTown.AssertIdentity(before);
        Assert.InRange((long)before["grantedYen"]!, Amount, Residents * Amount);

        var retried = await again.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants", grant);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(Residents, (long)retried.Body!["granted"]!);
        var summary = (await again.GetJsonAsync($"/api/v1/tenants/{Tenant}/ledger/summary")).Body!;
        WalletTown.AssertIdentity(summary);
        Assert.Equal((Residents * Amount, Residents * Amount), ((long)summary["grantedYen"]!, (long)summary["walletsYen"]!));
        foreach (var r in residents.Where((_, i) => i % 50 == 0).Append(residents[^1]))
        {
            var wallet = (await again.GetJsonAsync($"/api/v1/tenants/{Tenant}/residents/{r}/wallet")).Body!;
            Assert.Single(wallet["grants"]!.AsArray());
            Assert.Equal(Amount, (long)wallet["balanceYen"]!);
        }
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

    private static HttpClient Admin(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SiloFixture.AdminToken);
        return client;
    }
}
