namespace LoCoPi.Runtime;

/// <summary>
/// Maps grain interfaces to their reference factories (hand-written proxies) and grain type names to
/// the classes that implement them. Built once at start-up; read without locks afterwards.
/// </summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, InterfaceRegistration> _interfaces = [];
    private readonly Dictionary<string, GrainTypeRegistration> _grainTypes = new(StringComparer.Ordinal);

    /// <summary>Registers the proxy factory for <typeparamref name="TInterface"/>, served by grains of <paramref name="grainType"/>.</summary>
    public GrainTypeRegistry AddInterface<TInterface>(
        string grainType, Func<IGrainCallInvoker, GrainId, TInterface> createReference)
        where TInterface : IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(createReference);
        if (!_interfaces.TryAdd(typeof(TInterface), new InterfaceRegistration(grainType, createReference)))
        {
            throw new InvalidOperationException($"{typeof(TInterface).Name} is already registered.");
        }

        return this;
    }

    /// <summary>Registers the class that implements grain type <paramref name="grainType"/>.</summary>
    public GrainTypeRegistry AddGrain<TGrain>(
        string grainType, Func<IServiceProvider, TGrain> create, GrainTypeOptions? options = null)
        where TGrain : Grain
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(create);
        if (options?.MaxQueueLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxQueueLength must be positive.");
        }

        if (!_grainTypes.TryAdd(grainType, new GrainTypeRegistration(grainType, create, options ?? new GrainTypeOptions())))
        {
            throw new InvalidOperationException($"Grain type '{grainType}' is already registered.");
        }

        return this;
    }

    /// <summary>The grain type names registered so far.</summary>
    public IReadOnlyCollection<string> GrainTypes => _grainTypes.Keys;

    internal InterfaceRegistration GetInterface(Type interfaceType)
        => _interfaces.TryGetValue(interfaceType, out var registration)
            ? registration
            : throw new InvalidOperationException($"No grain reference is registered for {interfaceType.Name}.");

    internal GrainTypeRegistration? FindGrainType(string grainType)
        => _grainTypes.GetValueOrDefault(grainType);
}

internal sealed record InterfaceRegistration(string GrainType, Delegate CreateReference);

internal sealed record GrainTypeRegistration(string GrainType, Func<IServiceProvider, Grain> Create, GrainTypeOptions Options);
