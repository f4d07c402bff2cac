using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LoCoPi.ReaderClient.Queue;

/// <summary>
/// The durable outbox of touches (SQLite, WAL, synchronous=FULL). A touch is written here before
/// it is sent and removed only once the server has answered it, so neither a network outage nor
/// a killed process loses one; re-sending after a crash is absorbed by the server's touchId
/// idempotency.
/// </summary>
internal sealed class TouchQueue : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);

    private TouchQueue(SqliteConnection connection) => _connection = connection;

    public static async Task<TouchQueue> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS pending (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                touch_id TEXT NOT NULL UNIQUE,
                card_id TEXT NOT NULL,
                at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS rejected (
                touch_id TEXT PRIMARY KEY,
                card_id TEXT NOT NULL,
                at TEXT NOT NULL,
                status INTEGER NOT NULL,
                code TEXT NOT NULL,
                detail TEXT NOT NULL,
                answered_at TEXT NOT NULL);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new TouchQueue(connection);
    }

    /// <summary>Stores the touch durably; returns only after the fsync.</summary>
    public Task EnqueueAsync(QueuedTouch touch, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO pending (touch_id, card_id, at) VALUES ($id, $card, $at)", cancellationToken,
            ("$id", touch.TouchId), ("$card", touch.CardId), ("$at", touch.At.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>The server accepted the touch.</summary>
    public Task RemoveAsync(string touchId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM pending WHERE touch_id = $id", cancellationToken, ("$id", touchId));

    /// <summary>The server refused the touch for good (a 4xx problem): keep the answer for the operator, stop sending.</summary>
    public Task RejectAsync(QueuedTouch touch, int status, string code, string detail, DateTimeOffset answeredAt, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT OR REPLACE INTO rejected (touch_id, card_id, at, status, code, detail, answered_at)
                VALUES ($id, $card, $at, $status, $code, $detail, $answered);
            DELETE FROM pending WHERE touch_id = $id;
            """, cancellationToken,
            ("$id", touch.TouchId), ("$card", touch.CardId), ("$at", touch.At.ToString("O", CultureInfo.InvariantCulture)),
            ("$status", status), ("$code", code), ("$detail", detail), ("$answered", answeredAt.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Settles a whole batch answer in one transaction: one fsync per batch, not one per touch,
    /// which is what lets a 1,000-touch backlog drain in a moment.
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<string> accepted, IReadOnlyList<RejectedTouch> rejected, DateTimeOffset answeredAt)
    {
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync();
            await using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM pending WHERE touch_id = $id";
            var id = delete.Parameters.Add("$id", SqliteType.Text);
            foreach (var touchId in accepted.Concat(rejected.Select(r => r.Touch.TouchId)))
            {
                id.Value = touchId;
                await delete.ExecuteNonQueryAsync();
            }

            await using var record = _connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT OR REPLACE INTO rejected (touch_id, card_id, at, status, code, detail, answered_at) "
                + "VALUES ($id, $card, $at, $status, $code, $detail, $answered)";
            foreach (var (touch, status, code, detail) in rejected)
            {
                record.Parameters.Clear();
                record.Parameters.AddWithValue("$id", touch.TouchId);
                record.Parameters.AddWithValue("$card", touch.CardId);
                record.Parameters.AddWithValue("$at", touch.At.ToString("O", CultureInfo.InvariantCulture));
                record.Parameters.AddWithValue("$status", status);
                record.Parameters.AddWithValue("$code", code);
                record.Parameters.AddWithValue("$detail", detail);
                record.Parameters.AddWithValue("$answered", answeredAt.ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The oldest pending touches, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<QueuedTouch>> PeekAsync(int limit, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT touch_id, card_id, at FROM pending ORDER BY seq LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var touches = new List<QueuedTouch>();
            while (await reader.ReadAsync(cancellationToken))
            {
                touches.Add(new QueuedTouch(reader.GetString(0), reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            }

            return touches;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task<long> CountPendingAsync(CancellationToken cancellationToken) => CountAsync("pending", cancellationToken);

    public Task<long> CountRejectedAsync(CancellationToken cancellationToken) => CountAsync("rejected", cancellationToken);

    public void Dispose()
    {
        _connection.Dispose();
        _lock.Dispose();
    }

    private async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = table == "pending" ? "SELECT count(*) FROM pending" : "SELECT count(*) FROM rejected";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }
}

/// <summary>A touch the server refused for good, with its answer.</summary>
internal sealed record RejectedTouch(QueuedTouch Touch, int Status, string Code, string Detail);
