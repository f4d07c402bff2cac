using LoCoPi.Runtime.Storage.GroupCommit;
using Microsoft.Data.Sqlite;

namespace LoCoPi.Runtime.Storage.Sqlite;

/// <summary>
/// Applies a batch on the one write connection with prepared statements: per write a
/// version-checked UPDATE (or an INSERT that does nothing when a record exists, or for a write that
/// keeps the stored state only a version check), then its events.
/// A stale write changes no row and writes no event; the rest of the batch still commits. Claims
/// are checked before the write and inserted after it succeeds, in the same transaction, so a write
/// whose claim exists (or whose version is stale) leaves nothing behind.
/// </summary>
internal sealed class SqliteBatchCommitter(SqliteConnection connection, SemaphoreSlim writeLock) : IBatchCommitter, IDisposable
{
    private SqliteCommand? _update;
    private SqliteCommand? _insert;
    private SqliteCommand? _check;
    private SqliteCommand? _append;
    private SqliteCommand? _findClaim;
    private SqliteCommand? _insertClaim;

    public async Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            return SqliteGrainStorage.ReadJournalHeads(connection);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async Task<WriteOutcome[]> CommitBatchAsync(
        IReadOnlyList<GrainStateWrite> writes, JournalSequencer sequencer, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            return CommitBatch(writes, sequencer);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public bool IsDatabaseFailure(Exception error)
        // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT,
        // SQLITE_FULL, SQLITE_CANTOPEN: the file, not a write, is at fault.
        => error is SqliteException { SqliteErrorCode: 5 or 6 or 7 or 8 or 10 or 11 or 13 or 14 } or IOException;

    public void Dispose()
    {
        _update?.Dispose();
        _insert?.Dispose();
        _check?.Dispose();
        _append?.Dispose();
        _findClaim?.Dispose();
        _insertClaim?.Dispose();
    }

    private WriteOutcome[] CommitBatch(IReadOnlyList<GrainStateWrite> writes, JournalSequencer sequencer)
    {
        var outcomes = new WriteOutcome[writes.Count];
        using var transaction = connection.BeginTransaction(deferred: false);
        PrepareCommands(transaction);
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (FindExistingClaim(write) is { } existing)
            {
                outcomes[i] = WriteOutcome.Conflicted(existing);
                continue;
            }

            if (ApplyState(write) is not { } version)
            {
                outcomes[i] = WriteOutcome.Stale;
                continue;
            }

            InsertClaims(write);
            var events = write.Events.Count == 0 ? [] : new CommittedEvent[write.Events.Count];
            for (var e = 0; e < events.Length; e++)
            {
                var committed = JournalTime.Commit(write.Key.Tenant, sequencer.Next(write.Key.Tenant), write.Events[e]);
                Append(committed);
                events[e] = committed;
            }

            outcomes[i] = new WriteOutcome(new GrainWriteResult(version, events));
        }

        transaction.Commit();
        return outcomes;
    }

    /// <summary>
    /// Stores (or for a write that keeps the state, checks) the record; its version after the write,
    /// or null when the expected version is stale.
    /// </summary>
    private long? ApplyState(GrainStateWrite write)
    {
        var command = write.KeepsState ? _check! : write.ExpectedVersion is null ? _insert! : _update!;
        var parameters = command.Parameters;
        parameters[0].Value = write.Key.Tenant;
        parameters[1].Value = write.Key.GrainType;
        parameters[2].Value = write.Key.GrainKey;
        parameters[3].Value = write.Key.StateName;
        parameters[4].Value = write.ExpectedVersion ?? 0L;
        if (write.KeepsState)
        {
            return command.ExecuteScalar() is null ? null : write.ExpectedVersion;
        }

        parameters[5].Value = write.Payload is { } payload ? payload.ToArray() : DBNull.Value;
        return command.ExecuteNonQuery() > 0 ? (write.ExpectedVersion ?? 0) + 1 : null;
    }

    private IdempotencyClaim? FindExistingClaim(GrainStateWrite write)
    {
        foreach (var claim in write.Claims ?? [])
        {
            var parameters = _findClaim!.Parameters;
            parameters[0].Value = write.Key.Tenant;
            parameters[1].Value = claim.Scope;
            parameters[2].Value = claim.Key;
            using var reader = _findClaim.ExecuteReader();
            if (reader.Read())
            {
                return new IdempotencyClaim(
                    claim.Scope, claim.Key, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        return null;
    }

    private void InsertClaims(GrainStateWrite write)
    {
        foreach (var claim in write.Claims ?? [])
        {
            var parameters = _insertClaim!.Parameters;
            parameters[0].Value = write.Key.Tenant;
            parameters[1].Value = claim.Scope;
            parameters[2].Value = claim.Key;
            parameters[3].Value = claim.OwnerGrainKey;
            parameters[4].Value = claim.BodyHash;
            parameters[5].Value = (object?)claim.Result ?? DBNull.Value;
            parameters[6].Value = claim.RequestTime is { } at ? JournalTime.ToUnixMicroseconds(at) : DBNull.Value;
            _insertClaim.ExecuteNonQuery();
        }
    }

    private void Append(CommittedEvent committed)
    {
        var parameters = _append!.Parameters;
        parameters[0].Value = committed.Tenant;
        parameters[1].Value = committed.Seq;
        parameters[2].Value = committed.EventType;
        parameters[3].Value = committed.GrainType;
        parameters[4].Value = committed.GrainKey;
        parameters[5].Value = committed.Payload.ToArray();
        parameters[6].Value = JournalTime.ToUnixMicroseconds(committed.Time);
        _append.ExecuteNonQuery();
    }

    private void PrepareCommands(SqliteTransaction transaction)
    {
        _update ??= Create(
            "UPDATE grain_state SET payload = $p5, version = version + 1 " +
            "WHERE tenant = $p0 AND grain_type = $p1 AND grain_key = $p2 AND state_name = $p3 AND version = $p4", 6);
        _insert ??= Create(
            "INSERT INTO grain_state (tenant, grain_type, grain_key, state_name, payload, version) " +
            "SELECT $p0, $p1, $p2, $p3, $p5, 1 WHERE $p4 = 0 ON CONFLICT DO NOTHING", 6);
        _check ??= Create(
            "SELECT 1 FROM grain_state WHERE tenant = $p0 AND grain_type = $p1 AND grain_key = $p2 AND state_name = $p3 AND version = $p4", 5);
        _append ??= Create(
            "INSERT INTO journal (tenant, seq, event_type, grain_type, grain_key, payload, time_us) " +
            "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)", 7);
        _findClaim ??= Create(
            "SELECT owner_grain_key, body_hash, result FROM idempotency_claims WHERE tenant = $p0 AND scope = $p1 AND claim_key = $p2", 3);
        _insertClaim ??= Create(
            "INSERT INTO idempotency_claims (tenant, scope, claim_key, owner_grain_key, body_hash, result, request_us, claimed_us) " +
            "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))", 7);
        _findClaim.Transaction = transaction;
        _insertClaim.Transaction = transaction;
        _update.Transaction = transaction;
        _insert.Transaction = transaction;
        _check.Transaction = transaction;
        _append.Transaction = transaction;
    }

    private SqliteCommand Create(string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        return command;
    }
}
