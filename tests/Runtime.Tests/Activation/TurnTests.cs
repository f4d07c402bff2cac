using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Activation;

public sealed class TurnTests
{
    [Fact]
    public async Task Ten_thousand_concurrent_increments_that_await_between_read_and_write_lose_none()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var counter = harness.Counter();

        var results = await Eventually.WithinAsync(
            Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => Task.Run(counter.IncrementAsync))), "10,000 increments", TimeSpan.FromSeconds(60));

        Assert.Equal(10_000, await counter.GetAsync());
        Assert.Equal(Enumerable.Range(1, 10_000), results.Order());
    }

    [Fact]
    public async Task A_non_reentrant_grain_never_runs_two_requests_at_once()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var counter = harness.Counter();

        await Task.WhenAll(Enumerable.Range(0, 2_000).Select(_ => Task.Run(counter.IncrementAsync)));

        Assert.Equal(1, harness.Probe.MaxInside);
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var counter = harness.Counter();

        // Each call waits inside the grain until the other one is inside too: only interleaving completes both.
        var both = Task.WhenAll(counter.MeetAnotherReaderAsync(), counter.MeetAnotherReaderAsync());

        var results = await Eventually.WithinAsync(both, "two read-only calls inside together");

        Assert.Equal([true, true], results);
    }

    [Fact]
    public async Task Grain_continuations_resume_on_the_activation_and_callers_never_see_its_context()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var counter = harness.Counter();

        var onActivation = await Task.Run(async () =>
        {
            var result = await counter.ResumesOnItsActivationAsync();
            Assert.False(SynchronizationContext.Current is Turn, "a caller resumed inside the grain's context");
            return result;
        });

        Assert.True(onActivation);
    }

    [Fact]
    public async Task Exceptions_thrown_by_grain_code_reach_the_caller_unchanged()
    {
        await using var harness = await RuntimeHarness.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Counter().FailAsync());

        Assert.Same(harness.Probe.Thrown, error);
    }

    [Fact]
    public async Task A_grain_activates_once_and_loads_its_state_before_the_first_call()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        await harness.Storage.WriteStateAsync(
            new GrainStateWrite(new GrainStateKey("t1", "counter", "c1", "state"), "{\"value\":7}"u8.ToArray(), null, []),
            CancellationToken.None);

        var values = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(harness.Counter().GetAsync)));

        Assert.All(values, v => Assert.Equal(7, v));
        Assert.Equal(1, harness.Probe.Activations);
    }
}
