using LoCoPi.Runtime;
using LoCoPi.Storage.Tests.Support;
using Npgsql;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL writer executes the next batch while the previous one commits. A deferred
/// trigger (it runs at COMMIT) holds or refuses chosen commits, so the overlap and the failure
/// path can be seen from outside: in <c>pg_stat_activity</c> and in the journal.
/// </summary>
public sealed class PostgresPipelinedCommitTests(PostgresProvider provider) : IClassFixture<PostgresProvider>
{
    private const string CommitHook = """
        CREATE FUNCTION test_commit_hook() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.event_type = 'test.slow-commit' THEN PERFORM pg_sleep(1.5); END IF;
            IF NEW.event_type = 'test.refused-commit' THEN PERFORM pg_sleep(1.0); RAISE EXCEPTION 'refused at commit'; END IF;
            RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER test_commit_hook AFTER INSERT ON journal
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_commit_hook();
        """;

    [Fact]
    public async Task While_one_batch_commits_the_next_is_already_executed_and_commits_right_after_it()
    {
        var (database, storage, tenant) = await StartAsync();
        await using var _ = storage;

        var slow = storage.WriteStateAsync(Write(Key(tenant, "slow"), "s", null, Event("slow", "e", "test.slow-commit")), default);
        await WaitForCommitAsync(database);
        var next = storage.WriteStateAsync(Write(Key(tenant, "next"), "s", null, Event("next", "e")), default);

        // Without pipelining the next batch would wait, unexecuted, for the slow commit to end.
        await Eventually.TrueAsync(() => CountAsync(database, "state = 'idle in transaction'").Result == 1,
            "the next batch is executed in an open transaction while the slow one commits", TimeSpan.FromSeconds(5));
        Assert.False(slow.IsCompleted);
        Assert.False(next.IsCompleted);

        var slowResult = await slow.WaitAsync(TimeSpan.FromSeconds(30));
        var nextResult = await next.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, slowResult.Events[0].Seq);
        Assert.Equal(3, nextResult.Events[0].Seq);
        var journal = await storage.ReadJournalAsync(tenant, 0, 10, default);
        Assert.Equal(new long[] { 1, 2, 3 }, journal.Select(e => e.Seq));
        Assert.Equal(new[] { "before", "slow", "next" }, journal.Select(e => e.GrainKey));
    }

    [Fact]
    public async Task When_a_commit_is_refused_the_batch_executed_behind_it_is_renumbered_and_the_journal_stays_gap_free()
    {
        var (database, storage, tenant) = await StartAsync();
        await using var _ = storage;

        var refused = storage.WriteStateAsync(Write(Key(tenant, "refused"), "s", null, Event("refused", "e", "test.refused-commit")), default);
        await WaitForCommitAsync(database);
        var next = storage.WriteStateAsync(Write(Key(tenant, "next"), "s", null, Event("next", "e")), default);
        await Eventually.TrueAsync(() => CountAsync(database, "state = 'idle in transaction'").Result == 1,
            "the next batch is executed behind the commit that will be refused", TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<PostgresException>(() => refused.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("refused at commit", error.MessageText, StringComparison.Ordinal);
        var nextResult = await next.WaitAsync(TimeSpan.FromSeconds(30));

        // It was numbered 3 behind the refused 2; committed as 3 it would leave a gap.
        Assert.Equal(2, nextResult.Events[0].Seq);
        var journal = await storage.ReadJournalAsync(tenant, 0, 10, default);
        Assert.Equal(new long[] { 1, 2 }, journal.Select(e => e.Seq));
        Assert.Equal(new[] { "before", "next" }, journal.Select(e => e.GrainKey));
        Assert.Null(await storage.ReadStateAsync(Key(tenant, "refused"), default));
        Assert.NotNull(await storage.ReadStateAsync(Key(tenant, "next"), default));
    }

    private async Task<(string Database, IGrainStorage Storage, string Tenant)> StartAsync()
    {
        var database = await provider.CreateDatabaseAsync();
        var storage = provider.Create(database);
        await storage.InitializeAsync(default);
        await provider.ExecuteAsync(database, CommitHook);
        var tenant = NewTenant();
        await storage.WriteStateAsync(Write(Key(tenant, "before"), "s", null, Event("before", "e")), default);
        return (database, storage, tenant);
    }

    /// <summary>Until a backend of this database runs COMMIT (the hook holds it there).</summary>
    private static Task WaitForCommitAsync(string database)
        => Eventually.TrueAsync(() => CountAsync(database, "state = 'active' AND query ILIKE 'COMMIT%'").Result == 1,
            "the first batch is committing", TimeSpan.FromSeconds(5));

    private static async Task<long> CountAsync(string database, string condition)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND {condition}",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
