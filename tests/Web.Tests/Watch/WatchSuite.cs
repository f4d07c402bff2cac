using System.Net;
using System.Text.Json;
using LoCoPi.Web.Tests.Live;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

/// <summary>
/// Accounts, login, watch links and alerts, written once and run against every storage provider.
/// Each test makes its own tenant. Waiting for the journal subscriber is done by waiting for an
/// alert that must come (hub message or inbox), never by sleeping.
/// </summary>
public abstract partial class WatchSuite(SiloFixture silo)
{
    protected const string Password = "hikari-2025-mimamori";
    protected static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(10);

    protected SiloFixture Silo { get; } = silo;

    /// <summary>A tenant with a library, a resident "child" with card "c-child" and a reader.</summary>
    protected async Task<(Town Town, HttpClient Reader)> TownWithChildAsync()
    {
        var town = await Town.CreateAsync(Silo);
        await town.PlaceAsync("library");
        var response = await town.Admin.PutJsonAsync(town.Path("residents/child"), new { displayName = "さくら" });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("cards/c-child"), new { residentId = "child" })).Status);
        return (town, await town.ReaderAsync("rd-library", "library"));
    }

    protected static async Task AccountAsync(Town town, string accountId, string role = "family")
    {
        var response = await town.Admin.PostJsonAsync(town.Path("accounts"), new { accountId, role, displayName = "家族 " + accountId, password = Password });
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    protected async Task<string> LoginAsync(string tenantId, string accountId)
    {
        using var client = Silo.Client();
        var response = await client.PostJsonAsync("/api/v1/login", new { tenantId, accountId, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string)response.Body!["token"]!;
    }

    protected static async Task LinkAsync(Town town, string residentId, string accountId)
    {
        var response = await town.Admin.PutJsonAsync(
            town.Path($"residents/{residentId}/watchers/{accountId}"), new { consentBy = "母（本人の同意）", consentAt = "2025-06-01T10:00:00+09:00" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    protected static async Task TouchAsync(HttpClient reader, string touchId, string cardId = "c-child")
        => Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId, cardId })).Status);

    protected Task<LiveHubClient> WatchHubAsync(string token) => LiveHubClient.ConnectWatchAsync(Silo.BaseAddress, token);

    /// <summary>The next <c>alert</c> pushed on the hub, or a failure after <see cref="AlertTimeout"/>.</summary>
    protected static async Task<JsonElement> NextAlertAsync(LiveHubClient hub)
    {
        using var timeout = new CancellationTokenSource(AlertTimeout);
        while (true)
        {
            var message = await hub.Messages.ReadAsync(timeout.Token);
            if (message.Target == "alert")
            {
                return message.Arguments[0];
            }
        }
    }

    protected async Task<JsonElement[]> InboxAsync(string token, long? after = null)
    {
        using var client = Silo.Client(token);
        var response = await client.GetJsonAsync("/api/v1/me/alerts" + (after is { } a ? "?after=" + a : ""));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return [.. JsonDocument.Parse(response.Body!.ToJsonString()).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}

public sealed class SqliteWatchTests(SqliteSiloFixture silo) : WatchSuite(silo), IClassFixture<SqliteSiloFixture>;

public sealed class PostgresWatchTests(PostgresSiloFixture silo) : WatchSuite(silo), IClassFixture<PostgresSiloFixture>;
