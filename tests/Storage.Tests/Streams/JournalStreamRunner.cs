using LoCoPi.Runtime;
using LoCoPi.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Streams;

/// <summary>Journal-backed stream delivery, proven on every storage provider. Each fact uses a fresh database.</summary>
public abstract class JournalStreamRunner(IStorageProvider provider)
{
    [Fact]
    public async Task Committed_events_are_delivered_in_sequence_order_for_every_tenant()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage);
        var observer = new RecordingObserver();
        await using var subscription = await streams.SubscribeAsync("counter", observer);
        var tenants = new[] { NewTenant(), NewTenant(), NewTenant() };

        await Task.WhenAll(Enumerable.Range(0, 90).Select(i => storage.WriteStateAsync(
            Write(Key(tenants[i % 3], $"c{i}"), "s", null, Event($"c{i}", "a"), Event($"c{i}", "b")), default)));

        await Eventually.TrueAsync(() => tenants.All(t => observer.Events(t).Count == 60), "all 180 events arrive");
        foreach (var tenant in tenants)
        {
            Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), observer.Events(tenant).Select(e => e.Seq));
            Assert.Equal(60, streams.GetHead(tenant));
        }

        Assert.All(observer.Batches, b => Assert.Single(b.Select(e => e.Tenant).Distinct()));
        Assert.False(observer.SawConcurrentCalls);
    }

    [Fact]
    public async Task History_is_delivered_in_batches_no_larger_than_asked()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        var tenant = NewTenant();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => storage.WriteStateAsync(
            Write(Key(tenant, $"c{i}"), "s", null, Event($"c{i}", $"{i}")), default)));
        await using var streams = NewManager(storage);
        var observer = new RecordingObserver();

        await using var subscription = await streams.SubscribeAsync(
            "counter", observer, new JournalSubscriptionOptions { MaxBatchSize = 7 });

        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 100, "the history arrives");
        Assert.All(observer.Batches, b => Assert.InRange(b.Count, 1, 7));
        Assert.Equal(15, observer.Batches.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), observer.Events(tenant).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_paced_subscriber_gets_commits_grouped_and_nothing_lost_or_reordered()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage);
        var observer = new RecordingObserver();
        var tenant = NewTenant();
        await using var subscription = await streams.SubscribeAsync(
            "paced", observer, new JournalSubscriptionOptions { MinDeliveryInterval = TimeSpan.FromMilliseconds(500) });

        await WriteEventsAsync(storage, tenant, "one-by-one", 20);

        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 20, "all twenty arrive");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), observer.Events(tenant).Select(e => e.Seq));
        // Twenty commits, one after another: unpaced, nearly every one is its own batch.
        Assert.InRange(observer.Batches.Count, 1, 10);
    }

    [Fact]
    public async Task A_caught_up_subscriber_stores_its_cursor_and_still_wakes_for_later_events()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage);
        var observer = new RecordingObserver();
        var tenant = NewTenant();
        await using var subscription = await streams.SubscribeAsync("counter", observer);

        await WriteEventsAsync(storage, tenant, "first", 3);
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("counter", tenant, default).Result == 3, "the cursor reaches 3");
        // The loop's timed wait for the cursor has ended; a commit now must still wake it.
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        await WriteEventsAsync(storage, tenant, "later", 1);

        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 4, "the later event arrives");
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("counter", tenant, default).Result == 4, "the cursor reaches 4");
    }

    [Fact]
    public async Task A_write_behind_observer_holds_the_stored_cursor_at_what_it_made_durable()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage);
        var observer = new WriteBehindObserver { Durable = 4 };
        var tenant = NewTenant();
        var subscription = await streams.SubscribeAsync("behind", observer);

        await WriteEventsAsync(storage, tenant, "first", 10);
        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 10, "all ten arrive");
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("behind", tenant, default).Result == 4, "the cursor reaches 4");
        // Past the cursor interval, the delivered 10 is still not stored: 5..10 are not durable.
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(4, await storage.ReadCursorAsync("behind", tenant, default));

        observer.Durable = long.MaxValue;
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("behind", tenant, default).Result == 10, "the cursor reaches 10 once durable");

        // A clean stop flushes the observer first, then stores what it made durable.
        observer.Durable = 10;
        await WriteEventsAsync(storage, tenant, "later", 5);
        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 15, "the later five arrive");
        await subscription.DisposeAsync();
        Assert.Equal(15, await storage.ReadCursorAsync("behind", tenant, default));
    }

    [Fact]
    public async Task A_restarted_subscriber_resumes_after_its_durable_cursor()
    {
        var database = await provider.CreateDatabaseAsync();
        var tenant = NewTenant();
        await using (var storage = await OpenAsync(database))
        {
            await using var streams = NewManager(storage);
            var first = new RecordingObserver();
            await using (await streams.SubscribeAsync("counter", first))
            {
                await WriteEventsAsync(storage, tenant, "before", 10);
                await Eventually.TrueAsync(() => first.Events(tenant).Count == 10, "the first ten arrive");
                await Eventually.TrueAsync(
                    () => storage.ReadCursorAsync("counter", tenant, default).Result == 10, "the cursor reaches 10");
            }

            await WriteEventsAsync(storage, tenant, "while-away", 5);
        }

        await using var reopened = await OpenAsync(database);
        await using var restarted = NewManager(reopened);
        var second = new RecordingObserver();
        await using var subscription = await restarted.SubscribeAsync("counter", second);
        await WriteEventsAsync(reopened, tenant, "after", 5);

        await Eventually.TrueAsync(() => second.Events(tenant).Count == 10, "the missed and new events arrive");
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), second.Events(tenant).Select(e => e.Seq));
        Assert.Equal(20, restarted.GetHead(tenant));
    }

    [Fact]
    public async Task A_new_manager_on_the_same_storage_resumes_after_the_durable_cursor()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        var tenant = NewTenant();
        var first = new RecordingObserver();
        await using (var streams = NewManager(storage))
        {
            await using var subscription = await streams.SubscribeAsync("counter", first);
            await WriteEventsAsync(storage, tenant, "before", 6);
            await Eventually.TrueAsync(() => first.Events(tenant).Count == 6, "the first six arrive");
        }

        await WriteEventsAsync(storage, tenant, "between", 3);
        await using var replacement = NewManager(storage);
        var second = new RecordingObserver();
        await using var resumed = await replacement.SubscribeAsync("counter", second);

        await Eventually.TrueAsync(() => second.Events(tenant).Count == 3, "the three missed events arrive");
        Assert.Equal(new long[] { 7, 8, 9 }, second.Events(tenant).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_failing_observer_gets_the_same_batch_again_and_nothing_is_skipped()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage);
        var observer = new RecordingObserver(failWhen: b => b.Any(e => e.Seq == 5), failures: 3);
        var tenant = NewTenant();
        await using var subscription = await streams.SubscribeAsync("counter", observer);

        await WriteEventsAsync(storage, tenant, "e", 12);

        await Eventually.TrueAsync(() => observer.Events(tenant).Count >= 12 && observer.Events(tenant)[^1].Seq == 12, "every event arrives");
        Assert.Equal(3, observer.Failures);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), observer.Events(tenant).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_broken_consumer_is_reported_stuck_until_it_recovers_and_then_gets_every_event_in_order()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage, QuickRetries with { StuckAfter = TimeSpan.FromMilliseconds(300) });
        var observer = new RecordingObserver();
        var tenant = NewTenant();
        await using var subscription = await streams.SubscribeAsync("counter", observer);
        await WriteEventsAsync(storage, tenant, "before", 4);
        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 4, "the first four arrive");
        Assert.Empty(streams.GetStuckDeliveries());

        observer.Broken = true;
        await WriteEventsAsync(storage, tenant, "while-broken", 8);
        await Eventually.TrueAsync(() => streams.GetStuckDeliveries().Count == 1, "the broken consumer is reported");
        var stuck = streams.GetStuckDeliveries().Single();
        Assert.Equal(("counter", tenant), (stuck.Consumer, stuck.Tenant));
        Assert.True(stuck.StuckFor > TimeSpan.FromMilliseconds(300), $"stuck for {stuck.StuckFor}");
        Assert.True(stuck.Failures >= 2, $"{stuck.Failures} failures");
        Assert.Equal(nameof(InvalidOperationException), stuck.LastError);
        Assert.Equal(4, observer.Events(tenant).Count);

        observer.Broken = false;
        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 12, "the events held back arrive");
        Assert.Empty(streams.GetStuckDeliveries());
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), observer.Events(tenant).Select(e => e.Seq));
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("counter", tenant, default).Result == 12, "the cursor reaches 12");
    }

    [Fact]
    public async Task A_consumer_hanging_on_a_batch_is_reported_stuck_and_a_waiting_one_is_not()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage, QuickRetries with { StuckAfter = TimeSpan.FromMilliseconds(300) });
        var hanging = new RecordingObserver { Hanging = true };
        var idle = new RecordingObserver();
        var tenant = NewTenant();
        var quiet = NewTenant();
        await using var stuckOne = await streams.SubscribeAsync("hanging", hanging, new JournalSubscriptionOptions { Tenant = tenant });
        await using var idleOne = await streams.SubscribeAsync("idle", idle, new JournalSubscriptionOptions { Tenant = quiet });
        await WriteEventsAsync(storage, quiet, "q", 1);
        await Eventually.TrueAsync(() => idle.Events(quiet).Count == 1, "the quiet tenant's event arrives");

        await WriteEventsAsync(storage, tenant, "e", 3);

        await Eventually.TrueAsync(() => streams.GetStuckDeliveries().Count == 1, "the hanging consumer is reported");
        var stuck = streams.GetStuckDeliveries().Single();
        Assert.Equal(("hanging", tenant, 0), (stuck.Consumer, stuck.Tenant, stuck.Failures));
        hanging.Hanging = false;
        await Eventually.TrueAsync(() => hanging.Events(tenant).Count == 3, "the held batch completes");
        Assert.Empty(streams.GetStuckDeliveries());
    }

    [Fact]
    public async Task A_failing_consumer_is_retried_after_doubling_waits_up_to_the_cap()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        var options = new JournalStreamOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(400) };
        await using var streams = NewManager(storage, options);
        var observer = new RecordingObserver(failWhen: _ => true, failures: 6);
        var tenant = NewTenant();
        await using var subscription = await streams.SubscribeAsync("counter", observer);

        await WriteEventsAsync(storage, tenant, "e", 1);

        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 1, "the event arrives after six failures");
        var failedAt = observer.FailedAt;
        Assert.Equal(6, failedAt.Count);
        // Lower bounds only: a busy machine makes every wait longer, never shorter.
        var expected = new[] { 100, 200, 400, 400, 400 };
        for (var i = 0; i < expected.Length; i++)
        {
            var gap = failedAt[i + 1] - failedAt[i];
            Assert.True(gap >= TimeSpan.FromMilliseconds(expected[i] - 5), $"retry {i + 1} came after {gap.TotalMilliseconds} ms, expected {expected[i]}");
        }
    }

    [Fact]
    public async Task A_write_behind_consumer_whose_durable_mark_throws_keeps_being_delivered()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage, QuickRetries);
        var observer = new WriteBehindObserver { Durable = long.MaxValue, DurableFailures = 2 };
        var tenant = NewTenant();
        await using var subscription = await streams.SubscribeAsync("behind", observer);

        await WriteEventsAsync(storage, tenant, "first", 3);
        await Eventually.TrueAsync(() => observer.DurableAsked >= 3, "the durable mark is asked again after failing twice");
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("behind", tenant, default).Result == 3, "the cursor reaches 3");
        await WriteEventsAsync(storage, tenant, "later", 3);

        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 6, "the later events arrive");
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), observer.Events(tenant).Select(e => e.Seq));
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("behind", tenant, default).Result == 6, "the cursor reaches 6");
    }

    [Fact]
    public async Task Tenants_first_seen_after_subscribing_are_delivered_too()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage);
        var everything = new RecordingObserver();
        var fromNow = new RecordingObserver();
        await using var all = await streams.SubscribeAsync("all", everything);
        await using var live = await streams.SubscribeAsync(
            "live", fromNow, new JournalSubscriptionOptions { StartAtEnd = true, Durable = false });
        var tenant = "新しい町-" + NewTenant();

        await WriteEventsAsync(storage, tenant, "e", 3);

        await Eventually.TrueAsync(() => everything.Events(tenant).Count == 3 && fromNow.Events(tenant).Count == 3,
            "both subscribers see the new tenant");
        Assert.Null(await storage.ReadCursorAsync("live", tenant, default));
        await Eventually.TrueAsync(() => storage.ReadCursorAsync("all", tenant, default).Result == 3, "the durable cursor is stored");
    }

    [Fact]
    public async Task Start_at_end_skips_history_and_a_tenant_filter_keeps_other_tenants_out()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        var mine = NewTenant();
        var other = NewTenant();
        await WriteEventsAsync(storage, mine, "old", 4);
        await using var streams = NewManager(storage);
        var observer = new RecordingObserver();
        await using var subscription = await streams.SubscribeAsync(
            "live", observer, new JournalSubscriptionOptions { StartAtEnd = true, Tenant = mine });

        await WriteEventsAsync(storage, other, "theirs", 2);
        await WriteEventsAsync(storage, mine, "new", 2);

        await Eventually.TrueAsync(() => observer.Events(mine).Count == 2, "the new events arrive");
        Assert.Equal(new long[] { 5, 6 }, observer.Events(mine).Select(e => e.Seq));
        Assert.Empty(observer.Events(other));
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_its_delivery()
    {
        await using var storage = await OpenAsync(await provider.CreateDatabaseAsync());
        await using var streams = NewManager(storage);
        var observer = new RecordingObserver();
        var tenant = NewTenant();
        var subscription = await streams.SubscribeAsync("counter", observer);
        await WriteEventsAsync(storage, tenant, "e", 2);
        await Eventually.TrueAsync(() => observer.Events(tenant).Count == 2, "the first events arrive");

        await subscription.DisposeAsync();
        await WriteEventsAsync(storage, tenant, "late", 3);
        var watcher = new RecordingObserver();
        await using var other = await streams.SubscribeAsync("watcher", watcher);
        await Eventually.TrueAsync(() => watcher.Events(tenant).Count == 5, "a live subscriber sees the late events");

        Assert.Equal(2, observer.Events(tenant).Count);
    }

    private async Task<IGrainStorage> OpenAsync(string database)
    {
        var storage = provider.Create(database);
        await storage.InitializeAsync(default);
        return storage;
    }

    /// <summary>Retries quick enough for a test to watch several of them.</summary>
    private static readonly JournalStreamOptions QuickRetries = new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    private static JournalStreamManager NewManager(IGrainStorage storage, JournalStreamOptions? options = null)
        => new(storage, TimeProvider.System, NullLogger<JournalStreamManager>.Instance, options);

    private static async Task WriteEventsAsync(IGrainStorage storage, string tenant, string label, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await storage.WriteStateAsync(
                Write(Key(tenant, $"{label}-{i}"), "s", null, Event($"{label}-{i}", $"{label}{i}")), default);
        }
    }
}
