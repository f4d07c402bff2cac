using Npgsql;

namespace LoCoPi.Runtime.Storage.Postgres;

/// <summary>
/// The versioned PostgreSQL schema. A migration, once released, is never edited: add the next one.
/// Version 2 adds idempotency claims and carries over the touch claims that the retired
/// touch-claim grain stored as grain state, so a touch id claimed before the upgrade stays claimed.
/// Version 3 adds the claim's optional result.
/// Version 4 compresses large grain states with lz4 instead of pglz: a profile of the watch-over
/// load (family inboxes of tens of KB rewritten per batch) spent a third of PostgreSQL's CPU in
/// pglz_compress. A server built without lz4 keeps pglz.
/// Version 5 indexes the journal by the grain that raised each event, so a resident's recent
/// touches are read from the journal instead of being kept (and rewritten by every touch) in its state.
/// Version 6 stamps each claim with when it was stored (rows from before get the upgrade's time, so
/// they are kept a full retention from then), so claims of short-lived retries can be pruned; the
/// BRIN index fits rows inserted in time order and costs next to nothing per insert.
/// Version 7 compares every identifier column byte by byte (<c>COLLATE "C"</c>). They are opaque
/// identifiers, never sorted for people, yet under the database's linguistic collation every index
/// probe and insert went through <c>strcoll</c>: a profile of the payment load spent a fifth of
/// PostgreSQL's CPU in B-tree comparisons. Byte order also keeps these indexes valid across C
/// library upgrades, which can silently reorder a linguistic collation. The indexes are rebuilt once;
/// the tables are not rewritten.
/// Version 8 gives a claim the time its request carries (<see cref="IdempotencyClaim.RequestTime"/>),
/// the only time a claim is pruned by; rows from before have none (whether their request had one is
/// not known), so they are kept.
/// </summary>
internal static class PostgresSchema
{
    // Any constant shared by every LoCoPi process: the transaction-scoped advisory lock makes
    // processes that start together migrate one after another.
    private const long MigrationLockKey = 0x4C6F436F5069;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE grain_state (
            tenant text NOT NULL, grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL,
            version bigint NOT NULL, payload bytea,
            PRIMARY KEY (tenant, grain_type, grain_key, state_name)) WITH (fillfactor = 80);
        CREATE TABLE journal (
            tenant text NOT NULL, seq bigint NOT NULL, event_type text NOT NULL,
            grain_type text NOT NULL, grain_key text NOT NULL, payload bytea NOT NULL, time timestamptz NOT NULL,
            PRIMARY KEY (tenant, seq));
        CREATE TABLE stream_cursors (
            subscriber text NOT NULL, tenant text NOT NULL, seq bigint NOT NULL,
            PRIMARY KEY (subscriber, tenant));
        CREATE TABLE reminders (
            tenant text NOT NULL, grain_type text NOT NULL, grain_key text NOT NULL, name text NOT NULL,
            next_due timestamptz NOT NULL, period interval NOT NULL,
            PRIMARY KEY (tenant, grain_type, grain_key, name));
        """,
        """
        CREATE TABLE idempotency_claims (
            tenant text NOT NULL, scope text NOT NULL, claim_key text NOT NULL,
            owner_grain_key text NOT NULL, body_hash text NOT NULL,
            CONSTRAINT idempotency_claims_pkey PRIMARY KEY (tenant, scope, claim_key));
        INSERT INTO idempotency_claims (tenant, scope, claim_key, owner_grain_key, body_hash)
        SELECT tenant, 'touch', grain_key, claim ->> 'residentId', claim ->> 'bodyHash'
        FROM (SELECT tenant, grain_key, convert_from(payload, 'UTF8')::jsonb -> 'claim' AS claim
              FROM grain_state
              WHERE grain_type = 'touch-claim' AND state_name = 'state' AND payload IS NOT NULL) AS legacy
        WHERE claim ->> 'residentId' IS NOT NULL AND claim ->> 'bodyHash' IS NOT NULL;
        """,
        """
        ALTER TABLE idempotency_claims ADD COLUMN result text;
        """,
        """
        DO $$
        BEGIN
            ALTER TABLE grain_state ALTER COLUMN payload SET COMPRESSION lz4;
        EXCEPTION WHEN feature_not_supported THEN
            RAISE NOTICE 'this server has no lz4: grain states stay compressed with pglz';
        END $$;
        """,
        """
        CREATE INDEX IF NOT EXISTS journal_by_grain ON journal (tenant, grain_type, grain_key, event_type, seq);
        """,
        """
        ALTER TABLE idempotency_claims ADD COLUMN IF NOT EXISTS claimed_at timestamptz NOT NULL DEFAULT now();
        CREATE INDEX IF NOT EXISTS idempotency_claims_by_age ON idempotency_claims USING brin (claimed_at);
        """,
        """
        ALTER TABLE grain_state
            ALTER COLUMN tenant TYPE text COLLATE "C", ALTER COLUMN grain_type TYPE text COLLATE "C",
            ALTER COLUMN grain_key TYPE text COLLATE "C", ALTER COLUMN state_name TYPE text COLLATE "C";
        ALTER TABLE journal
            ALTER COLUMN tenant TYPE text COLLATE "C", ALTER COLUMN event_type TYPE text COLLATE "C",
            ALTER COLUMN grain_type TYPE text COLLATE "C", ALTER COLUMN grain_key TYPE text COLLATE "C";
        ALTER TABLE stream_cursors
            ALTER COLUMN subscriber TYPE text COLLATE "C", ALTER COLUMN tenant TYPE text COLLATE "C";
        ALTER TABLE reminders
            ALTER COLUMN tenant TYPE text COLLATE "C", ALTER COLUMN grain_type TYPE text COLLATE "C",
            ALTER COLUMN grain_key TYPE text COLLATE "C", ALTER COLUMN name TYPE text COLLATE "C";
        ALTER TABLE idempotency_claims
            ALTER COLUMN tenant TYPE text COLLATE "C", ALTER COLUMN scope TYPE text COLLATE "C",
            ALTER COLUMN claim_key TYPE text COLLATE "C", ALTER COLUMN owner_grain_key TYPE text COLLATE "C";
        """,
        """
        ALTER TABLE idempotency_claims ADD COLUMN IF NOT EXISTS request_time timestamptz;
        CREATE INDEX IF NOT EXISTS idempotency_claims_by_request_time
            ON idempotency_claims (scope, request_time) WHERE request_time IS NOT NULL;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_version (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL)",
            cancellationToken);
        await using (var read = new NpgsqlCommand("SELECT version FROM schema_version WHERE id = 1", connection))
        {
            var current = await read.ExecuteScalarAsync(cancellationToken) is int stored ? stored : 0;
            if (current > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database schema is version {current}, newer than this build's {LatestVersion}.");
            }

            for (var version = current + 1; version <= LatestVersion; version++)
            {
                await ExecuteAsync(connection, Migrations[version - 1], cancellationToken);
            }
        }

        await ExecuteAsync(connection,
            $"INSERT INTO schema_version (id, version) VALUES (1, {LatestVersion}) " +
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
