using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and maps the live surface: the stats endpoint, <c>/hubs/live</c> and the dashboard.</summary>
public static class LiveServiceCollectionExtensions
{
    /// <summary>The hub's path, as published in API.md.</summary>
    public const string LiveHubPath = "/hubs/live";

    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(LiveJsonContext.Default));
        services.AddSingleton<LivePlaceStatsNotifier>();
        services.AddSingleton<IPlaceStatsListener>(sp => sp.GetRequiredService<LivePlaceStatsNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<LivePlaceStatsNotifier>());
        services.AddHostedService<LiveRuntimeStatsPublisher>();
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlaceStatsEndpoints();
        endpoints.MapHub<LiveHub>(LiveHubPath);
        endpoints.MapDashboard();
        return endpoints;
    }
}
