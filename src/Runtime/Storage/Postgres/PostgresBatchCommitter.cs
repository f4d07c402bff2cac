using System.Runtime.InteropServices;
using LoCoPi.Runtime.Storage.GroupCommit;
using Npgsql;
using NpgsqlTypes;

namespace LoCoPi.Runtime.Storage.Postgres;

/// <summary>
/// Applies a whole batch with one statement — one round trip and one commit, whatever its size.
/// Writes and events travel as arrays; data-modifying CTEs apply the version-checked updates and
/// inserts, and number the events of the writes that succeeded exactly as
/// <see cref="JournalSequencer"/> does (per tenant, in batch order), so both sides agree without
/// a second round trip. A write that keeps the stored state only has its version checked. A stale
/// write matches no row, so it and its events are left out. A write
/// whose claim already exists (as the statement's snapshot sees it) is left out too and its stored
/// claim returned; the claims of the writes that succeeded are inserted in the same statement, so a
/// stale write leaves no claim. A claim committed by another process after the snapshot makes the
/// insert fail with a unique violation, and the statement is run again to see it.
/// </summary>
internal sealed class PostgresBatchCommitter(NpgsqlDataSource dataSource) : IBatchCommitter, IAsyncDisposable
{
    // The writer keeps one connection: no pool round trip or session reset per batch, and the
    // batch statement stays prepared on it.
    private NpgsqlConnection? _connection;

    private const string BatchSql = """
        WITH w AS MATERIALIZED (
            SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::bigint[], $23::bool[])
                AS w(idx, tenant, grain_type, grain_key, state_name, payload, expected, keep)),
        c AS MATERIALIZED (
            SELECT * FROM unnest($17::int[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $24::timestamptz[])
                AS c(widx, scope, claim_key, owner_grain_key, body_hash, result, request_time)),
        x AS MATERIALIZED (
            SELECT DISTINCT ON (c.widx) c.widx, s.scope, s.claim_key, s.owner_grain_key, s.body_hash, s.result
            FROM c JOIN w ON w.idx = c.widx
            JOIN idempotency_claims s ON s.tenant = w.tenant AND s.scope = c.scope AND s.claim_key = c.claim_key
            ORDER BY c.widx),
        upd AS (
            UPDATE grain_state g SET payload = w.payload, version = g.version + 1
            FROM w
            WHERE w.expected IS NOT NULL AND NOT w.keep AND NOT EXISTS (SELECT 1 FROM x WHERE x.widx = w.idx) AND g.tenant = w.tenant AND g.grain_type = w.grain_type
              AND g.grain_key = w.grain_key AND g.state_name = w.state_name AND g.version = w.expected
            RETURNING w.idx, g.version),
        kept AS (
            SELECT w.idx, g.version FROM w JOIN grain_state g
              ON g.tenant = w.tenant AND g.grain_type = w.grain_type AND g.grain_key = w.grain_key
              AND g.state_name = w.state_name AND g.version = w.expected
            WHERE w.keep AND NOT EXISTS (SELECT 1 FROM x WHERE x.widx = w.idx)),
        ins AS (
            INSERT INTO grain_state (tenant, grain_type, grain_key, state_name, version, payload)
            SELECT tenant, grain_type, grain_key, state_name, 1, payload FROM w
            WHERE expected IS NULL AND NOT keep AND NOT EXISTS (SELECT 1 FROM x WHERE x.widx = w.idx)
            ON CONFLICT DO NOTHING
            RETURNING tenant, grain_type, grain_key, state_name, version),
        ok AS (
            SELECT idx, version FROM upd
            UNION ALL
            SELECT idx, version FROM kept
            UNION ALL
            SELECT w.idx, ins.version FROM ins JOIN w USING (tenant, grain_type, grain_key, state_name)),
        cl AS (
            INSERT INTO idempotency_claims (tenant, scope, claim_key, owner_grain_key, body_hash, result, request_time)
            SELECT w.tenant, c.scope, c.claim_key, c.owner_grain_key, c.body_hash, c.result, c.request_time
            FROM c JOIN ok ON ok.idx = c.widx JOIN w ON w.idx = c.widx),
        e AS (
            SELECT * FROM unnest($8::int[], $9::int[], $10::text[], $11::text[], $12::text[], $13::bytea[], $14::timestamptz[])
                AS e(widx, ord, event_type, grain_type, grain_key, payload, time)),
        h AS (SELECT * FROM unnest($15::text[], $16::bigint[]) AS h(tenant, head)),
        j AS (
            INSERT INTO journal (tenant, seq, event_type, grain_type, grain_key, payload, time)
            SELECT w.tenant, h.head + row_number() OVER (PARTITION BY w.tenant ORDER BY e.widx, e.ord),
                   e.event_type, e.grain_type, e.grain_key, e.payload, e.time
            FROM e JOIN ok ON ok.idx = e.widx JOIN w ON w.idx = e.widx JOIN h ON h.tenant = w.tenant)
        SELECT idx, version, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text FROM ok
        UNION ALL
        SELECT widx, NULL::bigint, scope, claim_key, owner_grain_key, body_hash, result FROM x
        """;

    // How often a batch is run again because another process committed one of its claims after
    // the statement's snapshot; each run sees more committed claims, so this only bounds bad luck.
    private const int ClaimRaceAttempts = 3;

    public async Task<IReadOnlyDictionary<string, long>> ReadJournalHeadsAsync(CancellationToken cancellationToken)
    {
        // A skip scan: one index probe per tenant, where GROUP BY would read the whole journal at start-up.
        await using var command = dataSource.CreateCommand(
            "WITH RECURSIVE tenants(tenant) AS (SELECT min(tenant) FROM journal UNION ALL " +
            "SELECT (SELECT min(j.tenant) FROM journal j WHERE j.tenant > tenants.tenant) FROM tenants WHERE tenant IS NOT NULL) " +
            "SELECT tenant, (SELECT max(j.seq) FROM journal j WHERE j.tenant = tenants.tenant) FROM tenants WHERE tenant IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            heads[reader.GetString(0)] = reader.GetInt64(1);
        }

        return heads;
    }

    public async Task<WriteOutcome[]> CommitBatchAsync(
        IReadOnlyList<GrainStateWrite> writes, JournalSequencer sequencer, CancellationToken cancellationToken)
    {
        var versions = new long?[writes.Count];
        var conflicts = new IdempotencyClaim?[writes.Count];
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteBatchAsync(writes, sequencer, versions, conflicts, cancellationToken);
                    break;
                }
                catch (PostgresException race) when (attempt < ClaimRaceAttempts
                    && race.SqlState == PostgresErrorCodes.UniqueViolation && race.ConstraintName == "idempotency_claims_pkey")
                {
                    Array.Clear(versions);
                    Array.Clear(conflicts);
                }
            }
        }
        catch (Exception error) when (error is NpgsqlException or IOException or TimeoutException)
        {
            // The connection may be broken: the next batch opens a fresh one.
            await DisposeAsync();
            throw;
        }

        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            if (conflicts[i] is { } existing)
            {
                outcomes[i] = WriteOutcome.Conflicted(existing);
                continue;
            }

            if (versions[i] is not { } version)
            {
                outcomes[i] = WriteOutcome.Stale;
                continue;
            }

            var write = writes[i];
            var events = write.Events.Count == 0 ? [] : new CommittedEvent[write.Events.Count];
            for (var e = 0; e < events.Length; e++)
            {
                events[e] = JournalTime.Commit(write.Key.Tenant, sequencer.Next(write.Key.Tenant), write.Events[e]);
            }

            outcomes[i] = new WriteOutcome(new GrainWriteResult(version, events));
        }

        return outcomes;
    }

    private async Task ExecuteBatchAsync(
        IReadOnlyList<GrainStateWrite> writes, JournalSequencer sequencer, long?[] versions, IdempotencyClaim?[] conflicts,
        CancellationToken cancellationToken)
    {
        _connection ??= await OpenWriterConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(BatchSql, _connection);
        AddParameters(command, writes, sequencer);
        // Autocommit: the single statement is its own transaction, and the reader is drained
        // only after the server has made the commit durable (synchronous_commit).
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var idx = reader.GetInt32(0);
            if (reader.IsDBNull(1))
            {
                conflicts[idx] = new IdempotencyClaim(
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6));
            }
            else
            {
                versions[idx] = reader.GetInt64(1);
            }
        }
    }

    private async Task<NpgsqlConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // The batch statement only probes primary keys. Planned while a table is new or small,
            // its cached plan read the whole claims table on every batch (measured: every batch
            // of a load run), a cost that grows with every touch ever claimed.
            await using var session = new NpgsqlCommand("SET enable_seqscan = off", connection);
            await session.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public bool IsDatabaseFailure(Exception error) => error switch
    {
        // Connection exceptions, insufficient resources, operator intervention (shutdown), system errors.
        PostgresException server => server.SqlState[..2] is "08" or "53" or "57" or "58",
        NpgsqlException or IOException or TimeoutException => true,
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static void AddParameters(NpgsqlCommand command, IReadOnlyList<GrainStateWrite> writes, JournalSequencer sequencer)
    {
        var count = writes.Count;
        var idx = new int[count];
        var tenants = new string[count];
        var types = new string[count];
        var keys = new string[count];
        var names = new string[count];
        var payloads = new byte[]?[count];
        var expected = new long?[count];
        var keep = new bool[count];
        var eventCount = 0;
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var write = writes[i];
            idx[i] = i;
            tenants[i] = write.Key.Tenant;
            types[i] = write.Key.GrainType;
            keys[i] = write.Key.GrainKey;
            names[i] = write.Key.StateName;
            payloads[i] = write.Payload is { } payload ? AsArray(payload) : null;
            expected[i] = write.ExpectedVersion;
            keep[i] = write.KeepsState;
            eventCount += write.Events.Count;
            heads.TryAdd(write.Key.Tenant, sequencer.Head(write.Key.Tenant));
        }

        var eWrite = new int[eventCount];
        var eOrd = new int[eventCount];
        var eType = new string[eventCount];
        var eGrainType = new string[eventCount];
        var eGrainKey = new string[eventCount];
        var ePayload = new byte[eventCount][];
        var eTime = new DateTime[eventCount];
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            var events = writes[i].Events;
            for (var e = 0; e < events.Count; e++, n++)
            {
                eWrite[n] = i;
                eOrd[n] = e;
                eType[n] = events[e].EventType;
                eGrainType[n] = events[e].GrainType;
                eGrainKey[n] = events[e].GrainKey;
                ePayload[n] = AsArray(events[e].Payload);
                eTime[n] = JournalTime.Truncate(events[e].Time).UtcDateTime;
            }
        }

        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = idx });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tenants });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        parameters.Add(new NpgsqlParameter<byte[]?[]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = expected });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = eWrite });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = eOrd });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eType });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eGrainType });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eGrainKey });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = ePayload, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = eTime, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. heads.Keys] });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. heads.Values] });
        AddClaimParameters(parameters, writes);
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = keep });
        parameters.Add(new NpgsqlParameter<DateTime?[]>
        {
            TypedValue = [.. writes.SelectMany(w => w.Claims ?? []).Select(c => c.RequestTime?.UtcDateTime)],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
    }

    private static void AddClaimParameters(NpgsqlParameterCollection parameters, IReadOnlyList<GrainStateWrite> writes)
    {
        var widx = new List<int>();
        var scopes = new List<string>();
        var keys = new List<string>();
        var owners = new List<string>();
        var hashes = new List<string>();
        var results = new List<string?>();
        for (var i = 0; i < writes.Count; i++)
        {
            foreach (var claim in writes[i].Claims ?? [])
            {
                widx.Add(i);
                scopes.Add(claim.Scope);
                keys.Add(claim.Key);
                owners.Add(claim.OwnerGrainKey);
                hashes.Add(claim.BodyHash);
                results.Add(claim.Result);
            }
        }

        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. widx] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. scopes] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. owners] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. hashes] });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. results], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    // Avoids a copy when the payload already is a whole array (the common case).
    private static byte[] AsArray(ReadOnlyMemory<byte> payload)
        => MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
