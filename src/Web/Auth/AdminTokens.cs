using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Auth;

/// <summary>The admin token's hash, held in memory so checking a request costs one SHA-256.</summary>
public sealed class AdminTokenStore
{
    private volatile string? _hash;

    public bool IsLoaded => _hash is not null;

    public bool Matches(string token) => _hash is { } hash && TokenHashing.HashEquals(hash, TokenHashing.Hash(token));

    internal void Set(string hash) => _hash = hash;
}

/// <summary>
/// At start-up: <c>LOCOPI_ADMIN_TOKEN</c> wins when set (its hash is stored); otherwise the stored
/// hash is used; on the very first start a token is generated, printed once and only its hash kept.
/// </summary>
public sealed partial class AdminTokenBootstrapper(
    IGrainFactory grains, AdminTokenStore store, IConfiguration configuration, ILogger<AdminTokenBootstrapper> logger)
    : IHostedService
{
    public const string EnvironmentVariable = "LOCOPI_ADMIN_TOKEN";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var operatorGrain = grains.GetGrain<IOperatorGrain>(IOperatorGrain.SystemTenant, IOperatorGrain.Key);
        // Configuration includes the process environment, so LOCOPI_ADMIN_TOKEN set there is found here.
        var fromEnvironment = configuration[EnvironmentVariable];
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var hash = TokenHashing.Hash(fromEnvironment.Trim());
            await operatorGrain.SetAdminTokenHashAsync(hash);
            store.Set(hash);
            LogFromEnvironment(logger);
            return;
        }

        if (await operatorGrain.GetAdminTokenHashAsync() is { } stored)
        {
            store.Set(stored);
            return;
        }

        var token = TokenHashing.NewSecret();
        var newHash = TokenHashing.Hash(token);
        await operatorGrain.SetAdminTokenHashAsync(newHash);
        store.Set(newHash);

        // Deliberately the console, not the log pipeline: printed once, never written to log sinks again.
        Console.WriteLine("LoCoPi admin token (shown only now; keep it safe): " + token);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Admin token taken from " + EnvironmentVariable + ".")]
    private static partial void LogFromEnvironment(ILogger logger);
}
