using LoCoPi.Runtime;
using Microsoft.Extensions.Hosting;

namespace LoCoPi.Grains.Watch;

/// <summary>Subscribes <see cref="WatchAlertsProjection"/> to the journal for the life of the host.</summary>
public sealed class WatchAlertsSubscription(IJournalStreams streams, WatchAlertsProjection projection) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
        => _subscription = await streams.SubscribeAsync(
            WatchAlertsProjection.SubscriberName, projection, cancellationToken: cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is { } subscription)
        {
            _subscription = null;
            await subscription.DisposeAsync();
        }
    }
}
