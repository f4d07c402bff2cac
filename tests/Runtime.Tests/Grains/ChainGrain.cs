namespace LoCoPi.Runtime.Tests.Grains;

public interface IChainGrain : IGrain
{
    /// <summary>Calls the first key of <paramref name="path"/> with the rest; the last hop is EchoAsync.</summary>
    Task<string> ForwardAsync(string[] path);

    Task<string> EchoAsync();
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public Task<string> ForwardAsync(string[] path)
    {
        var next = GrainFactory.GetGrain<IChainGrain>(Tenant, path[0]);
        return path.Length == 1 ? next.EchoAsync() : next.ForwardAsync(path[1..]);
    }

    public Task<string> EchoAsync() => Task.FromResult(Key);
}

public sealed class ChainGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IChainGrain
{
    private static readonly GrainMethod Forward = new(nameof(IChainGrain), nameof(ForwardAsync));
    private static readonly GrainMethod Echo = new(nameof(IChainGrain), nameof(EchoAsync));

    public Task<string> ForwardAsync(string[] path)
        => InvokeAsync<IChainGrain, string[], string>(Forward, path, static (g, p) => g.ForwardAsync(p));

    public Task<string> EchoAsync() => InvokeAsync<IChainGrain, int, string>(Echo, 0, static (g, _) => g.EchoAsync());
}
