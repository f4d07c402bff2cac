using LoCoPi.Runtime;
using LoCoPi.Storage.Tests.Support;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Conformance;

/// <summary>
/// The contract every storage provider proves. A provider's test class derives from this and
/// only supplies its <see cref="IStorageProvider"/>; the facts below run once per provider.
/// </summary>
public abstract partial class GrainStorageConformanceRunner(IStorageProvider provider) : IAsyncLifetime
{
    private IGrainStorage? _storage;

    protected IStorageProvider Provider { get; } = provider;

    /// <summary>An initialized storage on the class's shared database.</summary>
    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _storage = Provider.Create(Provider.SharedDatabase);
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reading_a_missing_record_returns_null()
    {
        Assert.Null(await Storage.ReadStateAsync(Key(NewTenant(), "nobody"), default));
    }

    [Fact]
    public async Task Write_read_and_clear_cycles_keep_a_tombstone_with_its_version()
    {
        var key = Key(NewTenant(), "card-1");
        var first = await Storage.WriteStateAsync(Write(key, "v1", null), default);
        Assert.Equal("v1", Text((await Storage.ReadStateAsync(key, default))!.Payload));

        var cleared = await Storage.WriteStateAsync(Write(key, null, first.Version), default);
        var tombstone = await Storage.ReadStateAsync(key, default);
        Assert.NotNull(tombstone);
        Assert.Null(tombstone.Payload);
        Assert.Equal(cleared.Version, tombstone.Version);

        var again = await Storage.WriteStateAsync(Write(key, "v2", cleared.Version), default);
        var stored = await Storage.ReadStateAsync(key, default);
        Assert.Equal("v2", Text(stored!.Payload));
        Assert.Equal(again.Version, stored.Version);
    }

    [Fact]
    public async Task The_version_changes_on_every_write()
    {
        var key = Key(NewTenant(), "card-1");
        var versions = new List<long>();
        long? expected = null;
        for (var i = 0; i < 5; i++)
        {
            var result = await Storage.WriteStateAsync(Write(key, i % 2 == 0 ? "same" : null, expected), default);
            versions.Add(result.Version);
            expected = result.Version;
        }

        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(expected, (await Storage.ReadStateAsync(key, default))!.Version);
    }

    [Fact]
    public async Task A_stale_write_fails_and_changes_nothing()
    {
        var key = Key(NewTenant(), "card-1");
        var first = await Storage.WriteStateAsync(Write(key, "v1", null), default);
        await Storage.WriteStateAsync(Write(key, "v2", first.Version), default);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(Write(key, "stale", first.Version, Event("card-1", "lost")), default));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(Write(key, "stale", null), default));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(Write(Key(key.Tenant, "never-written"), "x", 1), default));

        Assert.Equal("v2", Text((await Storage.ReadStateAsync(key, default))!.Payload));
        Assert.Empty(await Storage.ReadJournalAsync(key.Tenant, 0, 100, default));
    }

    [Fact]
    public async Task A_stale_clear_fails_and_keeps_the_state()
    {
        var key = Key(NewTenant(), "card-1");
        var first = await Storage.WriteStateAsync(Write(key, "v1", null), default);
        var second = await Storage.WriteStateAsync(Write(key, "v2", first.Version), default);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(Write(key, null, first.Version), default));

        var stored = await Storage.ReadStateAsync(key, default);
        Assert.Equal("v2", Text(stored!.Payload));
        Assert.Equal(second.Version, stored.Version);
    }

    [Fact]
    public async Task Grain_types_and_state_names_with_the_same_key_are_independent()
    {
        var tenant = NewTenant();
        var keys = new[]
        {
            Key(tenant, "42", "card"), Key(tenant, "42", "wallet"),
            Key(tenant, "42", "card", "profile"), Key(NewTenant(), "42", "card"),
        };
        foreach (var key in keys)
        {
            await Storage.WriteStateAsync(Write(key, $"{key.Tenant}/{key.GrainType}/{key.StateName}", null), default);
        }

        foreach (var key in keys)
        {
            var stored = await Storage.ReadStateAsync(key, default);
            Assert.Equal($"{key.Tenant}/{key.GrainType}/{key.StateName}", Text(stored!.Payload));
            Assert.Equal(1, stored.Version);
        }
    }

    [Theory]
    [InlineData("020235", "20235")]
    [InlineData("朝日町", "朝日")]
    [InlineData("Москва", "москва")]
    [InlineData("0x1F", "31")]
    [InlineData("a ", "a")]
    public async Task Keys_are_stored_as_exact_text(string key, string lookalike)
    {
        var tenant = "自治体-" + NewTenant();
        await Storage.WriteStateAsync(Write(Key(tenant, key, "施設"), "exact", null, Event(key, "e")), default);

        Assert.Equal("exact", Text((await Storage.ReadStateAsync(Key(tenant, key, "施設"), default))!.Payload));
        Assert.Null(await Storage.ReadStateAsync(Key(tenant, lookalike, "施設"), default));
        var journal = await Storage.ReadJournalAsync(tenant, 0, 10, default);
        Assert.Equal(key, Assert.Single(journal).GrainKey);
        Assert.Equal(tenant, journal[0].Tenant);
    }

    [Fact]
    public async Task A_hundred_parallel_writers_to_different_grains_all_succeed()
    {
        var tenant = NewTenant();
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(
            () => Storage.WriteStateAsync(Write(Key(tenant, $"card-{i}"), $"s{i}", null, Event($"card-{i}", $"e{i}")), default))));

        Assert.All(results, r => Assert.Equal(1, r.Version));
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"s{i}", Text((await Storage.ReadStateAsync(Key(tenant, $"card-{i}"), default))!.Payload));
        }

        Assert.Equal(100, (await Storage.ReadJournalAsync(tenant, 0, 1000, default)).Count);
    }

    [Fact]
    public async Task State_and_events_commit_together_even_beside_a_stale_write_in_the_same_batch()
    {
        var tenant = NewTenant();
        var existing = Enumerable.Range(0, 50).Select(i => Key(tenant, $"old-{i}")).ToArray();
        foreach (var key in existing)
        {
            await Storage.WriteStateAsync(Write(key, "before", null), default);
        }

        // Odd grains write with a stale version; all writes are queued at once so they share batches.
        var writes = Enumerable.Range(0, 50).Select(i => Storage.WriteStateAsync(
            Write(existing[i], $"after-{i}", i % 2 == 0 ? 1 : 7, Event(existing[i].GrainKey, $"a{i}"), Event(existing[i].GrainKey, $"b{i}")),
            default)).ToArray();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                return await w;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var journal = await Storage.ReadJournalAsync(tenant, 0, 1000, default);
        for (var i = 0; i < 50; i++)
        {
            var stored = await Storage.ReadStateAsync(existing[i], default);
            var events = journal.Where(e => e.GrainKey == existing[i].GrainKey).Select(e => Text(e.Payload)).ToArray();
            if (i % 2 == 0)
            {
                Assert.NotNull(outcomes[i]);
                Assert.Equal($"after-{i}", Text(stored!.Payload));
                Assert.Equal(new[] { $"a{i}", $"b{i}" }, events);
            }
            else
            {
                Assert.Null(outcomes[i]);
                Assert.Equal("before", Text(stored!.Payload));
                Assert.Empty(events);
            }
        }

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), journal.Select(e => e.Seq));
    }

    [Fact]
    public async Task A_write_the_database_rejects_fails_alone_and_its_batch_neighbours_commit()
    {
        var tenant = NewTenant();
        // A null event type breaks a NOT NULL constraint: a genuine database error, not a stale version.
        var broken = new PendingEvent(null!, "card", "bad", Bytes("x"), EventTime);
        var writes = Enumerable.Range(0, 40).Select(i => Storage.WriteStateAsync(
            i == 13 ? Write(Key(tenant, "bad"), "bad", null, broken) : Write(Key(tenant, $"good-{i}"), "good", null, Event($"good-{i}", "e")),
            default)).ToArray();

        await Assert.ThrowsAnyAsync<Exception>(() => writes[13]);
        foreach (var write in writes.Where((_, i) => i != 13))
        {
            Assert.Equal(1, (await write).Version);
        }

        Assert.Null(await Storage.ReadStateAsync(Key(tenant, "bad"), default));
        Assert.Equal(Enumerable.Range(1, 39).Select(i => (long)i), (await Storage.ReadJournalAsync(tenant, 0, 100, default)).Select(e => e.Seq));
    }

    [Fact]
    public async Task The_journal_sequence_has_no_gaps_or_duplicates_under_concurrency()
    {
        var tenants = Enumerable.Range(0, 6).Select(_ => NewTenant()).ToArray();
        var returned = new System.Collections.Concurrent.ConcurrentBag<CommittedEvent>();
        await Task.WhenAll(Enumerable.Range(0, 60).Select(writer => Task.Run(async () =>
        {
            var tenant = tenants[writer % tenants.Length];
            var key = Key(tenant, $"card-{writer}");
            long? version = null;
            for (var i = 0; i < 10; i++)
            {
                var events = Enumerable.Range(0, 1 + (i % 3)).Select(n => Event(key.GrainKey, $"{writer}:{i}:{n}")).ToArray();
                var result = await Storage.WriteStateAsync(Write(key, $"{i}", version, events), default);
                version = result.Version;
                foreach (var committed in result.Events)
                {
                    returned.Add(committed);
                }
            }
        })));

        var heads = await Storage.ReadJournalHeadsAsync(default);
        foreach (var tenant in tenants)
        {
            var journal = await Storage.ReadJournalAsync(tenant, 0, 10_000, default);
            Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Seq));
            // 10 writers per tenant, each 10 writes raising 1, 2 or 3 events (19 per writer).
            Assert.Equal(10 * 19, journal.Count);
            Assert.Equal(journal.Count, heads[tenant]);
            var mine = returned.Where(e => e.Tenant == tenant).OrderBy(e => e.Seq).ToArray();
            Assert.Equal(journal.Select(e => (e.Seq, Text(e.Payload))), mine.Select(e => (e.Seq, Text(e.Payload))));
        }
    }

    [Fact]
    public async Task Concurrent_writes_are_grouped_into_shared_commits()
    {
        var listener = new RecordingListener();
        Storage.SetCommitListener(listener);
        var tenant = NewTenant();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            Storage.WriteStateAsync(Write(Key(tenant, $"card-{i}"), "s", null, Event($"card-{i}", "e")), default)));

        var groups = listener.Groups.Where(g => g.Any(e => e.Tenant == tenant)).ToArray();
        Assert.Equal(500, groups.Sum(g => g.Count));
        Assert.True(groups.Length < 250, $"500 concurrent writes took {groups.Length} commits");
    }

    [Fact]
    public async Task The_commit_listener_hears_each_group_in_order_before_its_writers_are_answered()
    {
        var listener = new RecordingListener();
        Storage.SetCommitListener(listener);
        var tenant = NewTenant();
        var key = Key(tenant, "card-1");
        var result = await Storage.WriteStateAsync(Write(key, "s", null, Event("card-1", "a"), Event("card-1", "b")), default);

        var heard = listener.Groups.SelectMany(g => g).Where(e => e.Tenant == tenant).ToArray();
        Assert.Equal(new long[] { 1, 2 }, heard.Select(e => e.Seq));
        Assert.Equal(result.Events.Select(e => e.Seq), heard.Select(e => e.Seq));
        Assert.Equal(JournalTimeOf(EventTime), heard[0].Time);
        var stored = await Storage.ReadJournalAsync(tenant, 0, 10, default);
        Assert.Equal(heard.Select(e => (e.Seq, e.EventType, e.GrainKey, Text(e.Payload), e.Time)),
            stored.Select(e => (e.Seq, e.EventType, e.GrainKey, Text(e.Payload), e.Time)));
    }

    [Fact]
    public async Task Reading_the_journal_pages_after_a_sequence_number()
    {
        var tenant = NewTenant();
        long? version = null;
        for (var i = 0; i < 10; i++)
        {
            version = (await Storage.WriteStateAsync(Write(Key(tenant, "c"), "s", version, Event("c", $"{i}")), default)).Version;
        }

        var page = await Storage.ReadJournalAsync(tenant, 4, 3, default);
        Assert.Equal(new long[] { 5, 6, 7 }, page.Select(e => e.Seq));
        Assert.Equal(new[] { "4", "5", "6" }, page.Select(e => Text(e.Payload)));
        Assert.Empty(await Storage.ReadJournalAsync(tenant, 10, 3, default));
    }

    [Fact]
    public async Task The_schema_is_created_and_migrated_idempotently()
    {
        var database = await Provider.CreateDatabaseAsync();
        var key = Key(NewTenant(), "card-1");
        await using (var first = Provider.Create(database))
        {
            await first.InitializeAsync(default);
            await first.InitializeAsync(default);
            await first.WriteStateAsync(Write(key, "kept", null, Event("card-1", "e")), default);
        }

        await using var second = Provider.Create(database);
        await second.InitializeAsync(default);
        Assert.Equal("kept", Text((await second.ReadStateAsync(key, default))!.Payload));
        Assert.Single(await second.ReadJournalAsync(key.Tenant, 0, 10, default));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_build_is_refused()
    {
        var database = await Provider.CreateDatabaseAsync();
        await using (var current = Provider.Create(database))
        {
            await current.InitializeAsync(default);
        }

        await Provider.SetSchemaVersionAsync(database, 999);
        await using var older = Provider.Create(database);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => older.InitializeAsync(default));
        Assert.Contains("999", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_committed_changes_nothing()
    {
        var key = Key(NewTenant(), "card-1");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Storage.WriteStateAsync(Write(key, "never", null, Event("card-1", "e")), cancelled.Token));

        Assert.Null(await Storage.ReadStateAsync(key, default));
        Assert.Empty(await Storage.ReadJournalAsync(key.Tenant, 0, 10, default));
    }

    [Fact]
    public async Task Writes_after_dispose_are_refused()
    {
        var storage = Provider.Create(Provider.SharedDatabase);
        await storage.InitializeAsync(default);
        await storage.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => storage.WriteStateAsync(Write(Key(NewTenant(), "c"), "x", null), default));
    }

    [Fact]
    public async Task Two_storages_initializing_one_new_database_at_once_both_succeed()
    {
        var database = await Provider.CreateDatabaseAsync();
        var storages = Enumerable.Range(0, 4).Select(_ => Provider.Create(database)).ToArray();
        try
        {
            await Task.WhenAll(storages.Select(s => Task.Run(() => s.InitializeAsync(default))));
            var key = Key(NewTenant(), "card-1");
            await storages[0].WriteStateAsync(Write(key, "x", null), default);
            Assert.Equal("x", Text((await storages[3].ReadStateAsync(key, default))!.Payload));
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Cursors_round_trip_per_subscriber_and_tenant()
    {
        var tenant = NewTenant();
        Assert.Null(await Storage.ReadCursorAsync("counter", tenant, default));
        await Storage.WriteCursorAsync("counter", tenant, 5, default);
        await Storage.WriteCursorAsync("counter", tenant, 9, default);
        await Storage.WriteCursorAsync("dashboard", tenant, 2, default);

        Assert.Equal(9, await Storage.ReadCursorAsync("counter", tenant, default));
        Assert.Equal(2, await Storage.ReadCursorAsync("dashboard", tenant, default));
        Assert.Null(await Storage.ReadCursorAsync("counter", NewTenant(), default));
    }

    [Fact]
    public async Task Reminders_round_trip_update_and_delete()
    {
        var tenant = "朝日町-" + NewTenant();
        var due = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var daily = new ReminderEntry(new GrainId("facility", tenant, "020235"), "daily", due, TimeSpan.FromDays(1));
        var other = new ReminderEntry(new GrainId("facility", tenant, "20235"), "daily", due, TimeSpan.FromMinutes(5));
        await Storage.UpsertReminderAsync(daily, default);
        await Storage.UpsertReminderAsync(other, default);
        await Storage.UpsertReminderAsync(daily with { NextDueAt = due.AddDays(1) }, default);

        var mine = (await Storage.ReadRemindersAsync(default)).Where(r => r.GrainId.Tenant == tenant).OrderBy(r => r.GrainId.Key).ToArray();
        Assert.Equal(new[] { daily with { NextDueAt = due.AddDays(1) }, other }, mine);

        await Storage.DeleteReminderAsync(daily.GrainId, "daily", default);
        Assert.Equal(new[] { other }, (await Storage.ReadRemindersAsync(default)).Where(r => r.GrainId.Tenant == tenant));
    }

    [Fact]
    public async Task Data_survives_dispose_and_reopen_and_the_sequence_continues()
    {
        var database = await Provider.CreateDatabaseAsync();
        var tenant = NewTenant();
        var key = Key(tenant, "card-1");
        long version;
        await using (var first = Provider.Create(database))
        {
            await first.InitializeAsync(default);
            var pending = Enumerable.Range(0, 20).Select(i => first.WriteStateAsync(
                Write(Key(tenant, $"other-{i}"), "o", null, Event($"other-{i}", "e")), default)).ToArray();
            version = (await first.WriteStateAsync(Write(key, "durable", null, Event("card-1", "e")), default)).Version;
            await first.WriteCursorAsync("counter", tenant, 3, default);
            await Task.WhenAll(pending);
        }

        await using var reopened = Provider.Create(database);
        await reopened.InitializeAsync(default);
        var stored = await reopened.ReadStateAsync(key, default);
        Assert.Equal(("durable", version), (Text(stored!.Payload), stored.Version));
        Assert.Equal(21, (await reopened.ReadJournalHeadsAsync(default))[tenant]);
        Assert.Equal(3, await reopened.ReadCursorAsync("counter", tenant, default));

        var next = await reopened.WriteStateAsync(Write(key, "again", version, Event("card-1", "next")), default);
        Assert.Equal(22, Assert.Single(next.Events).Seq);
    }

    [Fact]
    public async Task Without_group_commit_every_write_is_its_own_transaction_and_still_correct()
    {
        await using var storage = Provider.Create(await Provider.CreateDatabaseAsync(), groupCommit: false);
        await storage.InitializeAsync(default);
        var listener = new RecordingListener();
        storage.SetCommitListener(listener);
        var tenant = NewTenant();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            storage.WriteStateAsync(Write(Key(tenant, $"c{i}"), "s", null, Event($"c{i}", "e")), default)));

        Assert.Equal(30, listener.Groups.Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), (await storage.ReadJournalAsync(tenant, 0, 100, default)).Select(e => e.Seq));
    }

    private static DateTimeOffset JournalTimeOf(DateTimeOffset time)
        => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    private sealed class RecordingListener : IJournalCommitListener
    {
        private readonly List<IReadOnlyList<CommittedEvent>> _groups = [];

        public IReadOnlyList<IReadOnlyList<CommittedEvent>> Groups
        {
            get
            {
                lock (_groups)
                {
                    return _groups.ToArray();
                }
            }
        }

        public void OnCommitted(IReadOnlyList<CommittedEvent> events)
        {
            lock (_groups)
            {
                _groups.Add(events.ToArray());
            }
        }
    }
}
