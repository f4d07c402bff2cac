using LoCoPi.Runtime.Tests.Grains;
using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Calls;

public sealed class CallTests
{
    [Fact]
    public async Task A_call_cycle_through_non_reentrant_grains_fails_at_once_naming_the_chain()
    {
        // The clock never moves, so only detection (not a timeout) can end this call.
        await using var harness = await RuntimeHarness.StartAsync();
        var a = harness.Runtime.GetGrain<IChainGrain>("t1", "a");

        var error = await Assert.ThrowsAsync<GrainDeadlockException>(
            () => Eventually.WithinAsync(a.ForwardAsync(["b", "a"]), "deadlock detection"));

        Assert.Equal(
            ["chain/t1/a: IChainGrain.ForwardAsync", "chain/t1/b: IChainGrain.ForwardAsync", "chain/t1/a: IChainGrain.EchoAsync"],
            error.Chain);
        Assert.Contains("chain/t1/a: IChainGrain.ForwardAsync -> chain/t1/b: IChainGrain.ForwardAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_between_different_grains_are_not_mistaken_for_deadlocks()
    {
        await using var harness = await RuntimeHarness.StartAsync();

        var key = await harness.Runtime.GetGrain<IChainGrain>("t1", "a").ForwardAsync(["b", "c", "d"]);

        Assert.Equal("d", key);
    }

    [Fact]
    public async Task A_slow_call_times_out_naming_grain_and_method()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var slow = harness.Counter().SlowAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => Eventually.WithinAsync(Wrap(slow), "timeout"));
        Assert.Contains("counter/t1/c1", error.Message, StringComparison.Ordinal);
        Assert.Contains("ICounterGrain.SlowAsync", error.Message, StringComparison.Ordinal);
        harness.Probe.Gate.SetResult();
    }

    [Fact]
    public async Task A_call_within_its_timeout_is_not_failed()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var slow = harness.Counter().SlowAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.Probe.Gate.SetResult();

        await Eventually.WithinAsync(Wrap(slow), "slow call");
    }

    [Fact]
    public async Task A_full_queue_refuses_calls_with_overloaded()
    {
        await using var harness = await RuntimeHarness.StartAsync(new GrainTypeOptions { MaxQueueLength = 2 });
        var counter = harness.Counter();
        var running = counter.SlowAsync();
        await Eventually.HoldsAsync(() => harness.Probe.MaxInside == 1, "the slow call is running");
        var queued = new[] { counter.IncrementAsync(), counter.IncrementAsync() };

        await Assert.ThrowsAsync<GrainOverloadedException>(counter.IncrementAsync);

        harness.Probe.Gate.SetResult();
        await running;
        Assert.Equal([1, 2], (await Task.WhenAll(queued)).Order());
    }

    private static async Task<bool> Wrap(Task task)
    {
        await task;
        return true;
    }
}
