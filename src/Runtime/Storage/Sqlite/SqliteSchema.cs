using Microsoft.Data.Sqlite;

namespace LoCoPi.Runtime.Storage.Sqlite;

/// <summary>
/// The versioned SQLite schema. A migration, once released, is never edited: add the next one.
/// Version 2 adds idempotency claims and carries over the touch claims that the retired
/// touch-claim grain stored as grain state, so a touch id claimed before the upgrade stays claimed.
/// Version 3 adds the claim's optional result. Version 4 indexes the journal by the grain that raised
/// each event (a resident's recent touches are read from there, not kept in its state). Version 5
/// stamps each claim with when it was stored (rows from before get the upgrade's time), so claims of
/// short-lived retries can be pruned. Version 6 gives a claim the time its request carries
/// (<see cref="IdempotencyClaim.RequestTime"/>), the only time a claim is pruned by; rows from before
/// have none (whether their request had one is not known), so they are kept.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE grain_state (
            tenant TEXT NOT NULL, grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL,
            version INTEGER NOT NULL, payload BLOB,
            PRIMARY KEY (tenant, grain_type, grain_key, state_name)) WITHOUT ROWID;
        CREATE TABLE journal (
            tenant TEXT NOT NULL, seq INTEGER NOT NULL, event_type TEXT NOT NULL,
            grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, payload BLOB NOT NULL, time_us INTEGER NOT NULL,
            PRIMARY KEY (tenant, seq)) WITHOUT ROWID;
        CREATE TABLE stream_cursors (
            subscriber TEXT NOT NULL, tenant TEXT NOT NULL, seq INTEGER NOT NULL,
            PRIMARY KEY (subscriber, tenant)) WITHOUT ROWID;
        CREATE TABLE reminders (
            tenant TEXT NOT NULL, grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, name TEXT NOT NULL,
            next_due_us INTEGER NOT NULL, period_us INTEGER NOT NULL,
            PRIMARY KEY (tenant, grain_type, grain_key, name)) WITHOUT ROWID;
        """,
        """
        CREATE TABLE idempotency_claims (
            tenant TEXT NOT NULL, scope TEXT NOT NULL, claim_key TEXT NOT NULL,
            owner_grain_key TEXT NOT NULL, body_hash TEXT NOT NULL,
            PRIMARY KEY (tenant, scope, claim_key)) WITHOUT ROWID;
        INSERT INTO idempotency_claims (tenant, scope, claim_key, owner_grain_key, body_hash)
        SELECT tenant, 'touch', grain_key,
               json_extract(CAST(payload AS TEXT), '$.claim.residentId'), json_extract(CAST(payload AS TEXT), '$.claim.bodyHash')
        FROM grain_state
        WHERE grain_type = 'touch-claim' AND state_name = 'state' AND payload IS NOT NULL
          AND json_extract(CAST(payload AS TEXT), '$.claim.residentId') IS NOT NULL
          AND json_extract(CAST(payload AS TEXT), '$.claim.bodyHash') IS NOT NULL;
        """,
        """
        ALTER TABLE idempotency_claims ADD COLUMN result TEXT;
        """,
        """
        CREATE INDEX IF NOT EXISTS journal_by_grain ON journal (tenant, grain_type, grain_key, event_type, seq);
        """,
        """
        ALTER TABLE idempotency_claims ADD COLUMN claimed_us INTEGER NOT NULL DEFAULT 0;
        UPDATE idempotency_claims SET claimed_us = CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER);
        CREATE INDEX IF NOT EXISTS idempotency_claims_by_age ON idempotency_claims (scope, claimed_us);
        """,
        """
        ALTER TABLE idempotency_claims ADD COLUMN request_us INTEGER;
        CREATE INDEX IF NOT EXISTS idempotency_claims_by_request_time
            ON idempotency_claims (scope, request_us) WHERE request_us IS NOT NULL;
        """,
    ];

    /// <summary>The version a fully migrated database reports.</summary>
    public static int LatestVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once
        // migrate one after the other and the second finds nothing left to do.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT version FROM schema_version WHERE id = 1";
        var current = read.ExecuteScalar() is long stored ? (int)stored : 0;
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this build's {LatestVersion}.");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            Execute(connection, transaction, Migrations[version - 1]);
        }

        Execute(connection, transaction,
            $"INSERT INTO schema_version (id, version) VALUES (1, {LatestVersion}) ON CONFLICT (id) DO UPDATE SET version = excluded.version");
        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT version FROM schema_version WHERE id = 1";
        return read.ExecuteScalar() is long stored ? (int)stored : 0;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
