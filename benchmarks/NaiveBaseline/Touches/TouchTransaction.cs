using System.Globalization;
using LoCoPi.NaiveBaseline.Readers;
using Npgsql;

namespace LoCoPi.NaiveBaseline.Touches;

/// <summary>
/// One touch, one PostgreSQL transaction, one commit (synchronous_commit on): the card lookup
/// and the resident's row lock, the once-per-place-per-day check, the points, the touch row.
/// The resident lock serialises touches of one person; the touch's primary key makes retries
/// idempotent without a check-then-insert race.
/// </summary>
internal sealed class TouchTransaction(NpgsqlDataSource dataSource)
{
    // Looking the card up and locking its resident in one statement: the lock is on the
    // resident row only, and the balance read is the one current after any wait for the lock.
    private const string LockResidentSql = """
        SELECT c.status, r.resident_id, r.points_balance
        FROM naive.cards c
        JOIN naive.residents r ON r.tenant_id = c.tenant_id AND r.resident_id = c.resident_id
        WHERE c.tenant_id = $1 AND c.card_id = $2
        FOR UPDATE OF r
        """;

    // Returns a row only for the first visit of the day; the upsert itself is atomic, and the
    // resident lock already orders every writer of this resident's rows.
    private const string RecordVisitSql = """
        INSERT INTO naive.place_visits (tenant_id, resident_id, place_id, last_visit_on) VALUES ($1, $2, $3, $4)
        ON CONFLICT (tenant_id, resident_id, place_id) DO UPDATE SET last_visit_on = EXCLUDED.last_visit_on
        WHERE naive.place_visits.last_visit_on < EXCLUDED.last_visit_on
        RETURNING 1
        """;

    private const string AwardPointsSql = "UPDATE naive.residents SET points_balance = points_balance + $3 WHERE tenant_id = $1 AND resident_id = $2";

    private const string InsertTouchSql = """
        INSERT INTO naive.touches (tenant_id, touch_id, reader_id, place_id, card_id, resident_id, requested_at, touched_at, outcome, points_awarded, points_balance)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (tenant_id, touch_id) DO NOTHING
        """;

    private const string StoredTouchSql = """
        SELECT card_id, requested_at, outcome, points_awarded, points_balance
        FROM naive.touches WHERE tenant_id = $1 AND touch_id = $2
        """;

    public async Task<TouchResult> RecordAsync(Reader reader, TouchRequest request, DateTimeOffset touchedAt, CancellationToken cancellationToken)
    {
        var touchId = request.TouchId!;
        var cardId = request.CardId!;
        // PostgreSQL keeps microseconds: truncate first, or a replay would never compare equal.
        var requestedAt = request.At is { } at ? at.AddTicks(-(at.UtcTicks % 10)).ToUniversalTime() : (DateTimeOffset?)null;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(touchedAt, reader.TimeZone).DateTime);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        string status;
        string residentId;
        long balance;
        await using (var lockResident = Command(connection, transaction, LockResidentSql, reader.TenantId, cardId))
        await using (var row = await lockResident.ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken))
            {
                await row.DisposeAsync();
                await transaction.RollbackAsync(cancellationToken);
                return await ReplayOrAsync(reader, touchId, cardId, requestedAt,
                    TouchResult.Rejected(StatusCodes.Status404NotFound, "unknown_card", "このカードは登録されていません。"), cancellationToken);
            }
            (status, residentId, balance) = (row.GetString(0), row.GetString(1), row.GetInt64(2));
        }
        if (status != "active")
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayOrAsync(reader, touchId, cardId, requestedAt,
                TouchResult.Rejected(StatusCodes.Status409Conflict, "card_suspended", "このカードは利用停止中です。"), cancellationToken);
        }

        bool firstToday;
        await using (var recordVisit = Command(connection, transaction, RecordVisitSql, reader.TenantId, residentId, reader.PlaceId, day))
        {
            firstToday = await recordVisit.ExecuteScalarAsync(cancellationToken) is not null;
        }
        var awarded = firstToday ? reader.PointsPerVisit : 0;
        balance = checked(balance + awarded);
        var outcome = firstToday ? "visit" : "repeat_visit";

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (awarded > 0)
        {
            batch.BatchCommands.Add(BatchCommand(AwardPointsSql, reader.TenantId, residentId, awarded));
        }
        var insertTouch = BatchCommand(InsertTouchSql,
            reader.TenantId, touchId, reader.ReaderId, reader.PlaceId, cardId, residentId,
            requestedAt is { } r ? r : DBNull.Value, touchedAt.ToUniversalTime(), outcome, awarded, balance);
        batch.BatchCommands.Add(insertTouch);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (insertTouch.RecordsAffected == 0)
        {
            // This touchId committed before (a retry, or a concurrent duplicate we waited for):
            // undo our work and answer what the first one answered.
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayOrAsync(reader, touchId, cardId, requestedAt, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TouchResult.Ok(new TouchResponse(touchId, outcome, awarded, balance, Message(outcome, awarded)));
    }

    private async Task<TouchResult> ReplayOrAsync(
        Reader reader, string touchId, string cardId, DateTimeOffset? requestedAt, TouchResult? otherwise, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StoredTouchSql);
        command.Parameters.Add(new NpgsqlParameter { Value = reader.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = touchId });
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            return otherwise ?? throw new InvalidOperationException($"Touch {touchId} conflicted but is not stored.");
        }
        var storedAt = row.IsDBNull(1) ? (DateTimeOffset?)null : row.GetFieldValue<DateTimeOffset>(1);
        if (row.GetString(0) != cardId || storedAt?.UtcTicks != requestedAt?.UtcTicks)
        {
            return TouchResult.Rejected(StatusCodes.Status409Conflict, "idempotency_conflict", "この touchId は別の内容で使用済みです。");
        }
        var outcome = row.GetString(2);
        var awarded = row.GetInt64(3);
        return TouchResult.Ok(new TouchResponse(touchId, outcome, awarded, row.GetInt64(4), Message(outcome, awarded)));
    }

    private static string Message(string outcome, long awarded) => outcome == "visit"
        ? string.Create(CultureInfo.InvariantCulture, $"ご来館ありがとうございます。{awarded} ポイントを付与しました。")
        : "本日のポイントは付与済みです。";

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
