using LoCoPi.Runtime;
using Microsoft.Extensions.Hosting;

namespace LoCoPi.Grains.PlaceStats;

/// <summary>Subscribes <see cref="PlaceStatsProjection"/> to the journal for the life of the host.</summary>
public sealed class PlaceStatsSubscription(IJournalStreams streams, PlaceStatsProjection projection) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
        => _subscription = await streams.SubscribeAsync(
            PlaceStatsProjection.SubscriberName, projection, cancellationToken: cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is { } subscription)
        {
            _subscription = null;
            await subscription.DisposeAsync();
        }
    }
}
