using System.Net;
using System.Net.Http.Headers;
using LoCoPi.Silo.Hosting;
using LoCoPi.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// Grants expire in the ledger on their date without anyone calling the sweep endpoint: a durable
/// hourly reminder per tenant sweeps them. The clock is a <see cref="TickingClock"/>, so moving it
/// past the expiry date fires the reminder; the node is restarted on the same SQLite file in between.
/// </summary>
public sealed class GrantExpirySweepTests : IAsyncLifetime
{
    private const string Tenant = "asahi-sweep";
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-sweep-").FullName;
    // 2025-06-10 10:00 in Tokyo.
    private readonly TickingClock _clock = new(new DateTimeOffset(2025, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private WebApplication? _app;
    private Uri _baseAddress = null!;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_grant_expires_in_the_ledger_on_its_date_by_itself_after_a_restart_too()
    {
        using (var admin = Client())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "朝日町", timeZone = "Asia/Tokyo" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/tenants/{Tenant}/residents/r1", new { displayName = "花子" })).Status);
            var grant = await admin.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants",
                new { grantId = "g-june", residentIds = new[] { "r1" }, amountYen = 3_000, expiresOn = "2025-06-11", reason = "new_student" });
            Assert.Equal(HttpStatusCode.OK, grant.Status);
            Assert.Equal(0, await ExpiredYenAsync(admin));
        }

        await StopAsync();
        await StartAsync();

        // 2025-06-11 is the expiry date: from its start (Tokyo) the grant is no longer spendable.
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        using var client = Client();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await ExpiredYenAsync(client) != 3_000)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hourly sweep expired the grant");
            await Task.Delay(100);
        }

        var again = await client.PostJsonAsync($"/api/v1/tenants/{Tenant}/grants/expiry-sweep", new { });
        Assert.Equal(0, (long)again.Body!["expiredYen"]!);
    }

    private async Task<long> ExpiredYenAsync(HttpClient admin)
    {
        var summary = await admin.GetJsonAsync($"/api/v1/tenants/{Tenant}/ledger/summary");
        Assert.Equal(HttpStatusCode.OK, summary.Status);
        return (long)summary.Body!["expiredYen"]!;
    }

    private async Task StartAsync()
    {
        var options = SiloOptions.Parse([
            "--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(_directory, "locopi.db"),
            "--urls", "http://127.0.0.1:0", "--LOCOPI_ADMIN_TOKEN=" + SiloFixture.AdminToken]);
        var builder = WebApplication.CreateBuilder(options.HostArguments);
        builder.AddLoCoPiSilo(options);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        _app = builder.Build();
        _app.UseLoCoPiSilo(options);
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = _baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloFixture.AdminToken);
        return client;
    }
}
