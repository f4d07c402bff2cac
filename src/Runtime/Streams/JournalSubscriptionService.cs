using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoCoPi.Runtime;

/// <summary>Keeps one durable journal subscriber subscribed for the life of the host.</summary>
internal sealed class JournalSubscriptionService<TObserver>(
    IJournalStreams streams, TObserver observer, string subscriberName, JournalSubscriptionOptions? options)
    : IHostedService
    where TObserver : IJournalObserver
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
        => _subscription = await streams.SubscribeAsync(subscriberName, observer, options, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is { } subscription)
        {
            _subscription = null;
            await subscription.DisposeAsync();
        }
    }
}

public static class JournalSubscriptionServiceCollectionExtensions
{
    /// <summary>
    /// Subscribes the registered <typeparamref name="TObserver"/> under a durable name when the host
    /// starts (with <paramref name="options"/>, or the defaults), and unsubscribes it when the host stops.
    /// </summary>
    public static IServiceCollection AddJournalSubscriber<TObserver>(
        this IServiceCollection services, string subscriberName, JournalSubscriptionOptions? options = null)
        where TObserver : class, IJournalObserver
        => services.AddHostedService(sp => new JournalSubscriptionService<TObserver>(
            sp.GetRequiredService<IJournalStreams>(), sp.GetRequiredService<TObserver>(), subscriberName, options));
}
