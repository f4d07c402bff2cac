using System.Net.Http.Json;
using LoCoPi.Silo.Hosting;
using LoCoPi.Web.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LoCoPi.Silo.Demo;

/// <summary>
/// <c>--demo</c>: seeds the town, then touches cards through the real reader API
/// (<c>POST /api/v1/touches</c> with reader tokens) a few times a second at any hour, following each
/// place's hourly rhythm in Tokyo time by day (<see cref="DemoSchedule"/>), so a newcomer opening
/// the dashboard sees counters move.
/// </summary>
internal sealed partial class DemoTouchDriver(
    DemoSeeder seeder,
    DemoAccounts accounts,
    IServer server,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<DemoTouchDriver> logger) : BackgroundService
{
    private readonly Random _random = new(20_260_401);
    private readonly DemoRiders _riders = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        var tokens = await seeder.SeedAsync(stoppingToken);
        var password = await accounts.SeedAsync();
        var address = ServerAddress();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var cardsPath = DemoReaderSimulation.WriteCardsFile(DataFolder());
        DemoBanner.Print(address, !string.IsNullOrWhiteSpace(configuration[AdminTokenBootstrapper.EnvironmentVariable]), password,
            DemoReaderSimulation.Command(address, tokens[DemoReaderSimulation.ReaderId], cardsPath));

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var rate = DemoSchedule.TouchesPerSecondAt(now);
            await Task.Delay(TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) / rate), timeProvider, stoppingToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                continue;
            }

            var weights = DemoSchedule.PlaceWeightsAt(now);
            var place = Pick(weights, weights.Sum());
            var (reader, cardId) = _riders.Next(place, _random);
            await TouchAsync(http, tokens[reader.ReaderId], cardId, stoppingToken);
        }
    }

    private async Task TouchAsync(HttpClient http, string token, string cardId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/touches")
        {
            // With its own time, as a real reader sends it: a touch's claim is pruned only when it
            // carries an `at` (a retry without one could come at any time), so a demo left running
            // for weeks would otherwise keep every claim it ever made.
            Content = JsonContent.Create(new { touchId = "demo-" + Guid.NewGuid().ToString("N"), cardId, at = timeProvider.GetUtcNow() }),
        };
        request.Headers.Authorization = new("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogTouchRefused(logger, (int)response.StatusCode, cardId);
            }
        }
        catch (HttpRequestException ex)
        {
            LogTouchFailed(logger, ex);
        }
    }

    private DemoPlace Pick(double[] weights, double total)
    {
        var x = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return DemoTown.Places[i];
            }
        }

        return DemoTown.Places[^1];
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(started.SetCanceled);
        await started.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return started.Task.IsCompletedSuccessfully;
    }

    /// <summary>The folder of the SQLite database (where <c>data/</c> is on PostgreSQL too): the demo's files sit there.</summary>
    private string DataFolder()
        => Path.GetDirectoryName(Path.GetFullPath(configuration[StorageSetup.SqlitePathKey] ?? "./data/locopi.db"))!;

    private string ServerAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.First();
        // Kestrel reports wildcard bindings as given; a client needs a concrete host.
        return address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo touch of {CardId} refused with {Status}")]
    private static partial void LogTouchRefused(ILogger logger, int status, string cardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo touch failed")]
    private static partial void LogTouchFailed(ILogger logger, Exception exception);
}
