namespace LoCoPi.Runtime;

/// <summary>
/// Sends calls to one grain. A proxy in Grains.Interfaces derives from this and implements the
/// grain interface by passing a static lambda to <see cref="InvokeAsync{TGrain, TArg, TResult}"/>;
/// the lambda runs inside the target activation's turn.
/// </summary>
public abstract class GrainReference(IGrainCallInvoker invoker, GrainId grainId)
{
    public GrainId GrainId { get; } = grainId;

    protected Task<TResult> InvokeAsync<TGrain, TArg, TResult>(
        GrainMethod method, TArg argument, Func<TGrain, TArg, Task<TResult>> body)
        where TGrain : class
        => invoker.InvokeAsync(GrainId, method, argument, body);

    protected Task InvokeAsync<TGrain, TArg>(GrainMethod method, TArg argument, Func<TGrain, TArg, Task> body)
        where TGrain : class
        => invoker.InvokeAsync(GrainId, method, argument, body);

    public override string ToString() => GrainId.ToString();
}

/// <summary>The runtime's entry point for calls; proxies only ever see this.</summary>
public interface IGrainCallInvoker
{
    Task<TResult> InvokeAsync<TGrain, TArg, TResult>(
        GrainId grainId, GrainMethod method, TArg argument, Func<TGrain, TArg, Task<TResult>> body)
        where TGrain : class;

    Task InvokeAsync<TGrain, TArg>(GrainId grainId, GrainMethod method, TArg argument, Func<TGrain, TArg, Task> body)
        where TGrain : class;
}
