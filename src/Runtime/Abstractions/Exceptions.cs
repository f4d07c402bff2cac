namespace LoCoPi.Runtime;

/// <summary>Base of the errors the runtime itself raises (as opposed to exceptions thrown by grain code).</summary>
public class GrainRuntimeException : Exception
{
    public GrainRuntimeException() { }

    public GrainRuntimeException(string message) : base(message) { }

    public GrainRuntimeException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A call cycle through non-reentrant grains; <see cref="Chain"/> names every hop.</summary>
public sealed class GrainDeadlockException : GrainRuntimeException
{
    public GrainDeadlockException() => Chain = [];

    public GrainDeadlockException(string message) : base(message) => Chain = [];

    public GrainDeadlockException(string message, Exception inner) : base(message, inner) => Chain = [];

    public GrainDeadlockException(IReadOnlyList<string> chain)
        : base("Deadlock: call cycle through non-reentrant grains: " + string.Join(" -> ", chain)) => Chain = chain;

    public IReadOnlyList<string> Chain { get; }
}

/// <summary>The call did not complete within its timeout. The grain may still finish the work.</summary>
public sealed class GrainCallTimeoutException : GrainRuntimeException
{
    public GrainCallTimeoutException() { }

    public GrainCallTimeoutException(string message) : base(message) { }

    public GrainCallTimeoutException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The activation's queue is full: back-pressure instead of unbounded memory growth.</summary>
public sealed class GrainOverloadedException : GrainRuntimeException
{
    public GrainOverloadedException() { }

    public GrainOverloadedException(string message) : base(message) { }

    public GrainOverloadedException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// The stored version is not the one this activation read (another writer, or a lost lease). The
/// runtime drops the activation so the next call reloads current state.
/// </summary>
public sealed class InconsistentStateException : GrainRuntimeException
{
    public InconsistentStateException() { }

    public InconsistentStateException(string message) : base(message) { }

    public InconsistentStateException(string message, Exception inner) : base(message, inner) { }
}
