using LoCoPi.Runtime;
using LoCoPi.Runtime.Storage.GroupCommit;
using LoCoPi.Runtime.Storage.Sqlite;
using LoCoPi.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.GroupCommit;

/// <summary>
/// The group-commit queue is bounded: while the database does not answer, at most its capacity of
/// writes wait in it, later writers wait to enqueue, and all of them commit in order once the
/// database moves. The writer runs on the real SQLite committer; the test holds the write lock the
/// committer takes (the one the checkpointer takes too), which is how a slow commit looks to it.
/// </summary>
public sealed class GroupCommitBackPressureTests(SqliteProvider provider) : IClassFixture<SqliteProvider>
{
    private const int BatchSize = 2;
    private const int Capacity = 4;

    [Fact]
    public async Task A_blocked_commit_lets_at_most_capacity_writes_queue_and_then_all_commit_in_order()
    {
        SQLitePCL.Batteries_V2.Init();
        var database = await provider.CreateDatabaseAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        SqliteSchema.Migrate(connection);
        using var writeLock = new SemaphoreSlim(1, 1);
        using var committer = new SqliteBatchCommitter(connection, writeLock);
        await using var writer = new GroupCommitWriter(committer, BatchSize, Capacity, NullLogger.Instance);
        await writer.StartAsync(default);
        var tenant = NewTenant();

        await writeLock.WaitAsync();
        var writes = new List<Task<GrainWriteResult>>();
        var total = 1 + Capacity + 3;
        try
        {
            writes.Add(Enqueue(writer, tenant, 0));
            // The loop has taken the first write and waits for the database with it.
            await Eventually.TrueAsync(() => writer.QueuedWrites == 0, "the first write is being committed");
            for (var i = 1; i < total; i++)
            {
                writes.Add(Enqueue(writer, tenant, i));
                Assert.True(writer.QueuedWrites <= Capacity, $"{writer.QueuedWrites} writes queued, capacity {Capacity}");
            }

            Assert.Equal(Capacity, writer.QueuedWrites);
            Assert.All(writes, w => Assert.False(w.IsCompleted));
        }
        finally
        {
            // Released on failure too, or disposing the writer would wait for the blocked commit forever.
            writeLock.Release();
        }

        var results = await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));

        // Commit order is journal order: the writers that waited to enqueue came after the queued ones.
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), results.Select(r => Assert.Single(r.Events).Seq));
        var journal = await ReadJournalAsync(connection, tenant);
        Assert.Equal(Enumerable.Range(0, total).Select(i => "k" + i), journal);
    }

    private static Task<GrainWriteResult> Enqueue(GroupCommitWriter writer, string tenant, int i)
        => writer.EnqueueAsync(Write(Key(tenant, "k" + i), "s", null, Event("k" + i, "e" + i)), default);

    private static async Task<List<string>> ReadJournalAsync(SqliteConnection connection, string tenant)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key FROM journal WHERE tenant = $t ORDER BY seq";
        command.Parameters.AddWithValue("$t", tenant);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
