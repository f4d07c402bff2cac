using LoCoPi.Runtime.Storage.GroupCommit;
using LoCoPi.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoCoPi.Runtime;

/// <summary>
/// The embedded storage provider: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so an
/// acknowledged write survives power loss. Writes go through one group-commit writer on one
/// connection; reads use pooled connections and never wait for it.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteGrainStorageOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private SqliteConnection? _writeConnection;
    private SqliteBatchCommitter? _committer;
    private GroupCommitWriter? _writer;
    private SqliteCheckpointer? _checkpointer;
    private IJournalCommitListener? _listener;
    private bool _disposed;

    public SqliteGrainStorage(
        SqliteGrainStorageOptions options, ILogger<SqliteGrainStorage>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SqliteGrainStorage>.Instance;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.DataSource),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        SQLitePCL.Batteries_V2.Init();
    }

    public string Name => "sqlite";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _initializeLock.WaitAsync(cancellationToken);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so
            // an acknowledged write is on disk, not just in the OS cache.
            // The background checkpointer keeps the WAL short; the writer checkpoints itself only
            // if that falls far behind.
            Execute(connection,
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=16384;");
            SqliteSchema.Migrate(connection);
            _writeConnection = connection;
            _committer = new SqliteBatchCommitter(connection, _writeLock);
            var writer = new GroupCommitWriter(_committer, _options.GroupCommit ? _options.MaxBatchSize : 1, _options.MaxQueuedWrites, _logger);
            if (_listener is not null)
            {
                writer.SetCommitListener(_listener);
            }

            await writer.StartAsync(cancellationToken);
            _checkpointer = new SqliteCheckpointer(_connectionString, _timeProvider, _logger);
            _writer = writer;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    public Task<StoredGrainState?> ReadStateAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT payload, version FROM grain_state " +
            "WHERE tenant = $t AND grain_type = $g AND grain_key = $k AND state_name = $s";
        command.Parameters.AddWithValue("$t", key.Tenant);
        command.Parameters.AddWithValue("$g", key.GrainType);
        command.Parameters.AddWithValue("$k", key.GrainKey);
        command.Parameters.AddWithValue("$s", key.StateName);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return Task.FromResult<StoredGrainState?>(null);
        }

        var payload = reader.IsDBNull(0) ? (ReadOnlyMemory<byte>?)null : (byte[])reader.GetValue(0);
        return Task.FromResult<StoredGrainState?>(new StoredGrainState(payload, reader.GetInt64(1)));
    }

    public Task<GrainWriteResult> WriteStateAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var writer = _writer ?? throw new InvalidOperationException("Call InitializeAsync before writing.");
        return writer.EnqueueAsync(write, cancellationToken);
    }

    public Task<IdempotencyClaim?> ReadClaimAsync(string tenant, string scope, string key, CancellationToken cancellationToken)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT owner_grain_key, body_hash, result, request_us FROM idempotency_claims WHERE tenant = $t AND scope = $s AND claim_key = $k";
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$s", scope);
        command.Parameters.AddWithValue("$k", key);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new IdempotencyClaim(
                scope, key, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : JournalTime.FromUnixMicroseconds(reader.GetInt64(3)))
            : null);
    }

    public void SetCommitListener(IJournalCommitListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listener = listener;
        _writer?.SetCommitListener(listener);
    }

    public Task<IReadOnlyList<CommittedEvent>> ReadJournalAsync(
        string tenant, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT seq, event_type, grain_type, grain_key, payload, time_us FROM journal " +
            "WHERE tenant = $t AND seq > $after ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$max", maxCount);
        return Task.FromResult<IReadOnlyList<CommittedEvent>>(ReadEvents(command, tenant));
    }

    public Task<IReadOnlyList<CommittedEvent>> ReadGrainEventsAsync(
        string tenant, string grainType, string grainKey, string eventType, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT seq, event_type, grain_type, grain_key, payload, time_us FROM journal " +
            "WHERE tenant = $t AND grain_type = $gt AND grain_key = $gk AND event_type = $et AND seq > $after ORDER BY seq DESC LIMIT $max";
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$gt", grainType);
        command.Parameters.AddWithValue("$gk", grainKey);
        command.Parameters.AddWithValue("$et", eventType);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$max", maxCount);
        return Task.FromResult<IReadOnlyList<CommittedEvent>>(ReadEvents(command, tenant));
    }

    /// <summary>Journal rows selected as (seq, event_type, grain_type, grain_key, payload, time_us), in the query's order.</summary>
    private static List<CommittedEvent> ReadEvents(SqliteCommand command, string tenant)
    {
        using var reader = command.ExecuteReader();
        var events = new List<CommittedEvent>();
        while (reader.Read())
        {
            events.Add(new CommittedEvent(
                tenant, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                (byte[])reader.GetValue(4), JournalTime.FromUnixMicroseconds(reader.GetInt64(5))));
        }

        return events;
    }

    public Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken)
    {
        using var connection = OpenRead();
        return Task.FromResult(ReadJournalHeads(connection));
    }

    public Task<long?> ReadCursorAsync(string subscriberName, string tenant, CancellationToken cancellationToken)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM stream_cursors WHERE subscriber = $s AND tenant = $t";
        command.Parameters.AddWithValue("$s", subscriberName);
        command.Parameters.AddWithValue("$t", tenant);
        return Task.FromResult(command.ExecuteScalar() is long seq ? seq : (long?)null);
    }

    public Task<int> PruneClaimsAsync(string scope, DateTimeOffset requestedBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ExecuteCountedWriteAsync(
            "DELETE FROM idempotency_claims WHERE (tenant, scope, claim_key) IN (" +
            "SELECT tenant, scope, claim_key FROM idempotency_claims WHERE scope = $p0 AND request_us < $p1 ORDER BY request_us LIMIT $p2)",
            [scope, JournalTime.ToUnixMicroseconds(requestedBefore), maxCount], cancellationToken);
    }

    public Task WriteCursorAsync(string subscriberName, string tenant, long seq, CancellationToken cancellationToken)
        => ExecuteWriteAsync(
            "INSERT INTO stream_cursors (subscriber, tenant, seq) VALUES ($p0, $p1, $p2) " +
            "ON CONFLICT (subscriber, tenant) DO UPDATE SET seq = excluded.seq",
            [subscriberName, tenant, seq], cancellationToken);

    public Task UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return ExecuteWriteAsync(
            "INSERT INTO reminders (tenant, grain_type, grain_key, name, next_due_us, period_us) " +
            "VALUES ($p0, $p1, $p2, $p3, $p4, $p5) ON CONFLICT (tenant, grain_type, grain_key, name) " +
            "DO UPDATE SET next_due_us = excluded.next_due_us, period_us = excluded.period_us",
            [reminder.GrainId.Tenant, reminder.GrainId.Type, reminder.GrainId.Key, reminder.Name,
                JournalTime.ToUnixMicroseconds(reminder.NextDueAt), reminder.Period.Ticks / 10],
            cancellationToken);
    }

    public Task DeleteReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
        => ExecuteWriteAsync(
            "DELETE FROM reminders WHERE tenant = $p0 AND grain_type = $p1 AND grain_key = $p2 AND name = $p3",
            [grainId.Tenant, grainId.Type, grainId.Key, name], cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant, grain_type, grain_key, name, next_due_us, period_us FROM reminders";
        using var reader = command.ExecuteReader();
        var reminders = new List<ReminderEntry>();
        while (reader.Read())
        {
            reminders.Add(new ReminderEntry(
                new GrainId(reader.GetString(1), reader.GetString(0), reader.GetString(2)), reader.GetString(3),
                JournalTime.FromUnixMicroseconds(reader.GetInt64(4)), TimeSpan.FromTicks(reader.GetInt64(5) * 10)));
        }

        return Task.FromResult<IReadOnlyList<ReminderEntry>>(reminders);
    }

    /// <summary>The schema version of the open database (for migration tests and diagnostics).</summary>
    internal int ReadSchemaVersion()
    {
        using var connection = OpenRead();
        return SqliteSchema.ReadVersion(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Queued writes are committed and answered before the connection closes.
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }

        _committer?.Dispose();
        if (_writeConnection is not null)
        {
            SqliteConnection.ClearPool(_writeConnection);
            await _writeConnection.DisposeAsync();
        }

        _writeLock.Dispose();
        _initializeLock.Dispose();
    }

    internal static IReadOnlyDictionary<string, long> ReadJournalHeads(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // A skip scan: one index probe per tenant, where GROUP BY would read the whole journal at start-up.
        command.CommandText =
            "WITH RECURSIVE tenants(tenant) AS (SELECT min(tenant) FROM journal UNION ALL " +
            "SELECT (SELECT min(j.tenant) FROM journal j WHERE j.tenant > tenants.tenant) FROM tenants WHERE tenant IS NOT NULL) " +
            "SELECT tenant, (SELECT max(j.seq) FROM journal j WHERE j.tenant = tenants.tenant) FROM tenants WHERE tenant IS NOT NULL";
        using var reader = command.ExecuteReader();
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            heads[reader.GetString(0)] = reader.GetInt64(1);
        }

        return heads;
    }

    private SqliteConnection OpenRead()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task ExecuteWriteAsync(string sql, object[] values, CancellationToken cancellationToken)
        => await ExecuteCountedWriteAsync(sql, values, cancellationToken);

    private async Task<int> ExecuteCountedWriteAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = _writeConnection ?? throw new InvalidOperationException("Call InitializeAsync before writing.");
        // The one write connection is shared with the group-commit writer; taking turns avoids
        // SQLITE_BUSY polling against our own batches.
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
            }

            return command.ExecuteNonQuery();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
