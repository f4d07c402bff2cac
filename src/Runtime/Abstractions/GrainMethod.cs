namespace LoCoPi.Runtime;

/// <summary>
/// Describes one grain interface method for the runtime: its name for statistics and error
/// messages, whether it may interleave with other read-only calls, and its timeout. Proxies hold one
/// static instance per method, so the call path never needs reflection.
/// </summary>
public sealed class GrainMethod
{
    public GrainMethod(string interfaceName, string methodName, bool readOnly = false, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "A call timeout must be positive.");
        }

        InterfaceName = interfaceName;
        MethodName = methodName;
        ReadOnly = readOnly;
        Timeout = timeout;
        FullName = interfaceName + "." + methodName;
    }

    public string InterfaceName { get; }

    public string MethodName { get; }

    /// <summary>"IFooGrain.BarAsync", as shown in statistics and deadlock chains.</summary>
    public string FullName { get; }

    /// <summary>Read-only calls may run interleaved with other read-only calls on the same activation.</summary>
    public bool ReadOnly { get; }

    /// <summary>Overrides the runtime's default call timeout (30 s) for this method.</summary>
    public TimeSpan? Timeout { get; }

    public override string ToString() => FullName;
}
