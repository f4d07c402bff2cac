using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime;

/// <summary>
/// The virtual-actor runtime of one node: the activation catalog, the call path, idle collection,
/// call timeouts, durable reminders and statistics. Grains are addressed with
/// <see cref="GetGrain{TGrainInterface}"/>; they activate on their first call.
/// </summary>
public sealed partial class GrainRuntime : IGrainFactory, IGrainCallInvoker, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _catalog = new();
    private readonly GrainTypeRegistry _registry;
    private readonly long _defaultTimeoutTicks;
    private ITimer? _collector;
    private volatile RuntimeState _state;

    public GrainRuntime(
        GrainTypeRegistry registry, IGrainStorage storage, GrainRuntimeOptions options, IServiceProvider services,
        TimeProvider timeProvider, ILoggerFactory loggerFactory, IGrainSerializer? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        _registry = registry;
        Storage = storage;
        Options = options;
        Services = services;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger<GrainRuntime>();
        Serializer = serializer ?? new JsonGrainSerializer();
        _defaultTimeoutTicks = ToTicks(options.DefaultCallTimeout);
        Statistics = new RuntimeStatistics(timeProvider, options.StatisticsWindow);
        Timeouts = new CallTimeouts(this);
        Reminders = new ReminderService(this);
    }

    internal GrainRuntimeOptions Options { get; }

    internal IGrainStorage Storage { get; }

    internal IGrainSerializer Serializer { get; }

    internal IServiceProvider Services { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal RuntimeStatistics Statistics { get; }

    internal CallTimeouts Timeouts { get; }

    internal ReminderService Reminders { get; }

    /// <summary>Initializes storage, loads reminders and starts the idle collector.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_state != RuntimeState.Created)
        {
            throw new InvalidOperationException("The runtime was already started.");
        }

        await Storage.InitializeAsync(cancellationToken);
        _state = RuntimeState.Running;
        Timeouts.Start();
        Statistics.Start();
        await Reminders.StartAsync(cancellationToken);
        _collector = TimeProvider.CreateTimer(
            static s => ((GrainRuntime)s!).CollectIdle(), this, Options.CollectionQuantum, Options.CollectionQuantum);
    }

    /// <summary>
    /// Stops accepting calls from outside, then deactivates every activation (running OnDeactivateAsync),
    /// so pending writes complete before this returns.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_state is RuntimeState.Stopping or RuntimeState.Stopped)
        {
            return;
        }

        _state = RuntimeState.Stopping;
        _collector?.Dispose();
        await Reminders.StopAsync();
        while (!_catalog.IsEmpty)
        {
            var activations = _catalog.Values.ToArray();
            foreach (var activation in activations)
            {
                activation.RequestDeactivation(DeactivationReason.RuntimeStopping);
            }

            await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(cancellationToken);
        }

        Timeouts.Stop();
        Statistics.Stop();
        _state = RuntimeState.Stopped;
    }

    public async ValueTask DisposeAsync()
    {
        if (_state == RuntimeState.Running)
        {
            await StopAsync();
        }

        _state = RuntimeState.Stopped;
        _collector?.Dispose();
        Timeouts.Stop();
        Statistics.Stop();
    }

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string tenant, string key) where TGrainInterface : IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentNullException.ThrowIfNull(key);
        var registration = _registry.GetInterface(typeof(TGrainInterface));
        var create = (Func<IGrainCallInvoker, GrainId, TGrainInterface>)registration.CreateReference;
        return create(this, new GrainId(registration.GrainType, tenant, key));
    }

    /// <summary>Number of live activations (all types).</summary>
    public int ActivationCount => _catalog.Count;

    internal long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * TimeProvider.TimestampFrequency);

    internal void Remove(Activation activation)
    {
        if (_catalog.TryRemove(KeyValuePair.Create(activation.GrainId, activation)))
        {
            Statistics.RecordDeactivation();
        }
    }

    private void CollectIdle()
    {
        if (_state != RuntimeState.Running)
        {
            return;
        }

        var now = TimeProvider.GetTimestamp();
        foreach (var (_, activation) in _catalog)
        {
            var options = activation.Type.Options;
            if (!options.KeepAlive)
            {
                activation.TryCollect(now, ToTicks(options.CollectionAge ?? Options.CollectionAge));
            }
        }
    }

    private enum RuntimeState
    {
        Created,
        Running,
        Stopping,
        Stopped,
    }
}
