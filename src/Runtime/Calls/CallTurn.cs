using System.Runtime.CompilerServices;

namespace LoCoPi.Runtime;

/// <summary>A grain call returning a value; the request object and the caller's task are its only allocations.</summary>
internal sealed class CallTurn<TGrain, TArg, TResult>(
    GrainId grainId, GrainMethod method, TArg argument, Func<TGrain, TArg, Task<TResult>> body, Turn? parent, long deadline)
    : Turn(parent, deadline)
    where TGrain : class
{
    // A builder rather than a TaskCompletionSource: one object fewer per call.
    private AsyncTaskMethodBuilder<TResult> _promise;

    internal Task<TResult> Promise => _promise.Task;

    internal override GrainId GrainId => grainId;

    internal override string Description => method.FullName;

    internal override bool IsReadOnly => method.ReadOnly;

    internal override GrainMethod? Method => method;

    internal override void PreparePromise() => _ = _promise.Task;

    internal override Task StartBody(Activation activation)
        => activation.Grain is TGrain grain
            ? body(grain, argument)
            : throw new InvalidCastException($"Grain type '{grainId.Type}' does not implement {typeof(TGrain).Name}.");

    protected override void OnCompleted(Task body)
    {
        if (body.IsCompletedSuccessfully)
        {
            _promise.SetResult(((Task<TResult>)body).Result);
        }
        else
        {
            _promise.SetException(ErrorOf(body));
        }
    }

    protected override void OnFailed(Exception error) => _promise.SetException(error);
}

/// <summary>A grain call without a result.</summary>
internal sealed class CallTurn<TGrain, TArg>(
    GrainId grainId, GrainMethod method, TArg argument, Func<TGrain, TArg, Task> body, Turn? parent, long deadline)
    : Turn(parent, deadline)
    where TGrain : class
{
    private AsyncTaskMethodBuilder _promise;

    internal Task Promise => _promise.Task;

    internal override GrainId GrainId => grainId;

    internal override string Description => method.FullName;

    internal override bool IsReadOnly => method.ReadOnly;

    internal override GrainMethod? Method => method;

    internal override void PreparePromise() => _ = _promise.Task;

    internal override Task StartBody(Activation activation)
        => activation.Grain is TGrain grain
            ? body(grain, argument)
            : throw new InvalidCastException($"Grain type '{grainId.Type}' does not implement {typeof(TGrain).Name}.");

    protected override void OnCompleted(Task body)
    {
        if (body.IsCompletedSuccessfully)
        {
            _promise.SetResult();
        }
        else
        {
            _promise.SetException(ErrorOf(body));
        }
    }

    protected override void OnFailed(Exception error) => _promise.SetException(error);
}
