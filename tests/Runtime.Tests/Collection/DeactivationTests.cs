using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Collection;

public sealed class DeactivationTests
{
    [Fact]
    public async Task A_call_arriving_during_deactivation_is_served_by_the_next_activation()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var counter = harness.Counter();
        await counter.IncrementAsync();
        harness.Probe.HoldDeactivation();

        await counter.DeactivateAsync();
        await Eventually.HoldsAsync(() => harness.Probe.Deactivations == 1, "OnDeactivateAsync running");
        var racing = counter.IncrementAsync();
        Assert.False(racing.IsCompleted, "the call waits for the old activation to finish deactivating");
        harness.Probe.DeactivationGate.SetResult();

        Assert.Equal(2, await Eventually.WithinAsync(racing, "the racing call"));
        Assert.Equal(2, harness.Probe.Activations);
        Assert.Equal(DeactivationReason.Requested, harness.Probe.LastDeactivationReason);
    }

    [Fact]
    public async Task Stopping_waits_for_on_deactivate_to_finish()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        await harness.Counter().IncrementAsync();
        harness.Probe.HoldDeactivation();

        var stopping = harness.Runtime.StopAsync();
        await Eventually.HoldsAsync(() => harness.Probe.Deactivations == 1, "OnDeactivateAsync running");
        Assert.False(stopping.IsCompleted, "stop returned while a grain was still deactivating");
        harness.Probe.DeactivationGate.SetResult();

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, harness.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_failed_activation_fails_the_waiting_calls_and_the_next_call_activates_afresh()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var failure = new InvalidOperationException("resident record unreadable");
        harness.Probe.FailNextActivation = failure;
        harness.Probe.HoldActivation();
        var counter = harness.Counter();

        // Both calls wait behind the activation turn; only then does it fail (else, on a busy
        // machine, the second call could arrive after the failed activation was already gone).
        var first = counter.IncrementAsync();
        var second = counter.GetAsync();
        await Eventually.HoldsAsync(() => harness.Probe.Activations == 1, "activation started");
        harness.Probe.ActivationGate.SetResult();

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => first));
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => second));
        Assert.Equal(1, await counter.IncrementAsync());
        Assert.Equal(2, harness.Probe.Activations);
        Assert.Equal(1, harness.Runtime.ActivationCount);
    }
}
