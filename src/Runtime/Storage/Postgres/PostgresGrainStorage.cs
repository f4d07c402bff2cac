using LoCoPi.Runtime.Storage.GroupCommit;
using LoCoPi.Runtime.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LoCoPi.Runtime;

/// <summary>
/// The production storage provider. Writes go through one group-commit writer whose every batch
/// is a single statement (one round trip, one WAL flush); reads, cursors and reminders use the
/// connection pool directly.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private readonly PostgresGrainStorageOptions _options;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private GroupCommitWriter? _writer;
    private PostgresBatchCommitter? _committer;
    private IJournalCommitListener? _listener;
    private bool _disposed;

    public PostgresGrainStorage(PostgresGrainStorageOptions options, ILogger<PostgresGrainStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<PostgresGrainStorage>.Instance;
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        // The group-commit statement has many CTEs: planning it costs more than executing a
        // batch, so it (and the hot reads) are prepared once per connection.
        builder.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(builder.ConnectionStringBuilder.MaxAutoPrepare, 16);
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        _dataSource = builder.Build();
    }

    public string Name => "postgres";

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

            await PostgresSchema.MigrateAsync(_dataSource, cancellationToken);
            _committer = new PostgresBatchCommitter(_dataSource);
            var writer = new GroupCommitWriter(_committer, _options.GroupCommit ? _options.MaxBatchSize : 1, _options.MaxQueuedWrites, _logger);
            if (_listener is not null)
            {
                writer.SetCommitListener(_listener);
            }

            await writer.StartAsync(cancellationToken);
            _writer = writer;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    public async Task<IdempotencyClaim?> ReadClaimAsync(
        string tenant, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT owner_grain_key, body_hash, result, request_time FROM idempotency_claims WHERE tenant = $1 AND scope = $2 AND claim_key = $3");
        AddValues(command, tenant, scope, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new IdempotencyClaim(
                scope, key, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero))
            : null;
    }

    public async Task<StoredGrainState?> ReadStateAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT payload, version FROM grain_state " +
            "WHERE tenant = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4");
        AddValues(command, key.Tenant, key.GrainType, key.GrainKey, key.StateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var payload = reader.IsDBNull(0) ? (ReadOnlyMemory<byte>?)null : reader.GetFieldValue<byte[]>(0);
        return new StoredGrainState(payload, reader.GetInt64(1));
    }

    public Task<GrainWriteResult> WriteStateAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var writer = _writer ?? throw new InvalidOperationException("Call InitializeAsync before writing.");
        return writer.EnqueueAsync(write, cancellationToken);
    }

    public void SetCommitListener(IJournalCommitListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listener = listener;
        _writer?.SetCommitListener(listener);
    }

    public async Task<IReadOnlyList<CommittedEvent>> ReadJournalAsync(
        string tenant, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT seq, event_type, grain_type, grain_key, payload, time FROM journal " +
            "WHERE tenant = $1 AND seq > $2 ORDER BY seq LIMIT $3");
        AddValues(command, tenant, afterSeq, maxCount);
        return await ReadEventsAsync(command, tenant, cancellationToken);
    }

    public async Task<IReadOnlyList<CommittedEvent>> ReadGrainEventsAsync(
        string tenant, string grainType, string grainKey, string eventType, long afterSeq, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var command = _dataSource.CreateCommand(
            "SELECT seq, event_type, grain_type, grain_key, payload, time FROM journal " +
            "WHERE tenant = $1 AND grain_type = $2 AND grain_key = $3 AND event_type = $4 AND seq > $5 ORDER BY seq DESC LIMIT $6");
        AddValues(command, tenant, grainType, grainKey, eventType, afterSeq, maxCount);
        return await ReadEventsAsync(command, tenant, cancellationToken);
    }

    /// <summary>Journal rows selected as (seq, event_type, grain_type, grain_key, payload, time), in the query's order.</summary>
    private static async Task<IReadOnlyList<CommittedEvent>> ReadEventsAsync(
        NpgsqlCommand command, string tenant, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<CommittedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new CommittedEvent(
                tenant, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<byte[]>(4), new DateTimeOffset(reader.GetFieldValue<DateTime>(5), TimeSpan.Zero)));
        }

        return events;
    }

    public async Task<int> PruneClaimsAsync(string scope, DateTimeOffset requestedBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var command = _dataSource.CreateCommand(
            "DELETE FROM idempotency_claims WHERE ctid = ANY (ARRAY(" +
            "SELECT ctid FROM idempotency_claims WHERE scope = $1 AND request_time < $2 ORDER BY request_time LIMIT $3))");
        AddValues(command, scope, requestedBefore.UtcDateTime, maxCount);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken)
        => new PostgresBatchCommitter(_dataSource).ReadJournalHeadsAsync(cancellationToken);

    public async Task<long?> ReadCursorAsync(string subscriberName, string tenant, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT seq FROM stream_cursors WHERE subscriber = $1 AND tenant = $2");
        AddValues(command, subscriberName, tenant);
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : null;
    }

    public Task WriteCursorAsync(string subscriberName, string tenant, long seq, CancellationToken cancellationToken)
        => ExecuteAsync(
            "INSERT INTO stream_cursors (subscriber, tenant, seq) VALUES ($1, $2, $3) " +
            "ON CONFLICT (subscriber, tenant) DO UPDATE SET seq = excluded.seq",
            [subscriberName, tenant, seq], cancellationToken);

    public Task UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return ExecuteAsync(
            "INSERT INTO reminders (tenant, grain_type, grain_key, name, next_due, period) " +
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant, grain_type, grain_key, name) " +
            "DO UPDATE SET next_due = excluded.next_due, period = excluded.period",
            [reminder.GrainId.Tenant, reminder.GrainId.Type, reminder.GrainId.Key, reminder.Name,
                reminder.NextDueAt.UtcDateTime, reminder.Period],
            cancellationToken);
    }

    public Task DeleteReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
        => ExecuteAsync(
            "DELETE FROM reminders WHERE tenant = $1 AND grain_type = $2 AND grain_key = $3 AND name = $4",
            [grainId.Tenant, grainId.Type, grainId.Key, name], cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT tenant, grain_type, grain_key, name, next_due, period FROM reminders");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reminders = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reminders.Add(new ReminderEntry(
                new GrainId(reader.GetString(1), reader.GetString(0), reader.GetString(2)), reader.GetString(3),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero), reader.GetFieldValue<TimeSpan>(5)));
        }

        return reminders;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Queued writes are committed and answered before the pool closes.
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_committer is not null)
        {
            await _committer.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
        _initializeLock.Dispose();
    }

    private async Task ExecuteAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var command = _dataSource.CreateCommand(sql);
        AddValues(command, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddValues(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }
}
