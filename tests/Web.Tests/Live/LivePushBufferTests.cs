using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Web.Live;
using LoCoPi.Web.Watch;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// The notifiers' queues stay bounded when the hub stalls. The hub here is a stand-in whose sends
/// wait until released: a real browser that stops reading stalls a send only after SignalR's
/// buffers fill, at a size no test can pin down.
/// </summary>
public sealed class LivePushBufferTests
{
    [Fact]
    public async Task Under_a_stalled_hub_the_alert_queue_never_grows_past_its_capacity_and_keeps_the_newest()
    {
        var hub = new StalledHub<WatchHub>();
        var notifier = new WatchAlertNotifier(hub, NullLogger<WatchAlertNotifier>.Instance);
        await notifier.StartAsync(CancellationToken.None);
        try
        {
            notifier.OnAlerts("asahi", "first", [Alert(0)]);
            await WaitUntilAsync(() => hub.SendsStarted > 0, "the send loop is stuck on the first push");

            var pushes = 3 * notifier.Queue.Capacity;
            var largest = 0;
            for (var i = 1; i <= pushes; i++)
            {
                notifier.OnAlerts("asahi", "family-" + (i % 100), [Alert(i)]);
                largest = Math.Max(largest, notifier.Queue.Count);
            }

            Assert.Equal(notifier.Queue.Capacity, largest);
            Assert.Equal(pushes - notifier.Queue.Capacity, notifier.Queue.Dropped);

            hub.Release();
            await WaitUntilAsync(() => notifier.Queue.Count == 0 && hub.SentSeqs.Contains(pushes), "the queue drains once the hub moves");
            Assert.DoesNotContain(1L, hub.SentSeqs);
        }
        finally
        {
            hub.Release();
            await notifier.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void A_full_queue_drops_its_oldest_push_and_counts_it()
    {
        var queue = new LivePushBuffer<int>(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            queue.Enqueue(i);
        }

        Assert.Equal(3, queue.Count);
        Assert.Equal(2, queue.Dropped);
        Assert.Equal(2, queue.TakeDroppedSinceReport());
        Assert.Equal(0, queue.TakeDroppedSinceReport());
        var left = new List<int>();
        while (queue.Reader.TryRead(out var item))
        {
            left.Add(item);
        }

        Assert.Equal([3, 4, 5], left);
    }

    private static WatchAlert Alert(long seq) => new("r1", "住民", "library", "図書館", "visit", DateTimeOffset.UnixEpoch, seq);

    private static async Task WaitUntilAsync(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + because);
            await Task.Delay(10);
        }
    }

    /// <summary>A hub whose every send waits until <see cref="Release"/>, recording the seqs of alerts sent.</summary>
    private sealed class StalledHub<THub> : IHubContext<THub>, IHubClients, IClientProxy
        where THub : Hub
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sendsStarted;

        public System.Collections.Concurrent.ConcurrentBag<long> SentSeqs { get; } = [];

        public int SendsStarted => Volatile.Read(ref _sendsStarted);

        IHubClients IHubContext<THub>.Clients => this;

        IGroupManager IHubContext<THub>.Groups => throw new NotSupportedException();

        public IClientProxy All => this;

        public void Release() => _released.TrySetResult();

        public async Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _sendsStarted);
            await _released.Task.WaitAsync(cancellationToken);
            if (args is [WatchAlert alert])
            {
                SentSeqs.Add(alert.Seq);
            }
        }

        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => this;

        public IClientProxy Client(string connectionId) => this;

        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => this;

        public IClientProxy Group(string groupName) => this;

        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => this;

        public IClientProxy Groups(IReadOnlyList<string> groupNames) => this;

        public IClientProxy User(string userId) => this;

        public IClientProxy Users(IReadOnlyList<string> userIds) => this;
    }
}
