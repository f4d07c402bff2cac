using Npgsql;

namespace LoCoPi.NaiveBaseline.Storage;

/// <summary>
/// The baseline's own tables, in their own schema so they never collide with the Silo's when
/// both use the same database. Idempotent: run at every start.
/// </summary>
internal static class BaselineSchema
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS naive;
        CREATE TABLE IF NOT EXISTS naive.tenants (
            tenant_id text PRIMARY KEY,
            time_zone text NOT NULL);
        CREATE TABLE IF NOT EXISTS naive.places (
            tenant_id text NOT NULL REFERENCES naive.tenants,
            place_id text NOT NULL,
            points_per_visit bigint NOT NULL,
            PRIMARY KEY (tenant_id, place_id));
        CREATE TABLE IF NOT EXISTS naive.readers (
            tenant_id text NOT NULL,
            reader_id text NOT NULL,
            place_id text NOT NULL,
            mode text NOT NULL,
            token text NOT NULL UNIQUE,
            PRIMARY KEY (tenant_id, reader_id),
            FOREIGN KEY (tenant_id, place_id) REFERENCES naive.places);
        CREATE TABLE IF NOT EXISTS naive.residents (
            tenant_id text NOT NULL REFERENCES naive.tenants,
            resident_id text NOT NULL,
            points_balance bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant_id, resident_id));
        CREATE TABLE IF NOT EXISTS naive.cards (
            tenant_id text NOT NULL,
            card_id text NOT NULL,
            resident_id text NOT NULL,
            status text NOT NULL DEFAULT 'active',
            PRIMARY KEY (tenant_id, card_id),
            FOREIGN KEY (tenant_id, resident_id) REFERENCES naive.residents);
        CREATE TABLE IF NOT EXISTS naive.place_visits (
            tenant_id text NOT NULL,
            resident_id text NOT NULL,
            place_id text NOT NULL,
            last_visit_on date NOT NULL,
            PRIMARY KEY (tenant_id, resident_id, place_id));
        -- The primary key is the idempotency guard: a retried touchId cannot insert twice,
        -- whatever the interleaving (no check-then-insert race).
        CREATE TABLE IF NOT EXISTS naive.touches (
            tenant_id text NOT NULL,
            touch_id text NOT NULL,
            reader_id text NOT NULL,
            place_id text NOT NULL,
            card_id text NOT NULL,
            resident_id text NOT NULL,
            requested_at timestamptz,
            touched_at timestamptz NOT NULL,
            outcome text NOT NULL,
            points_awarded bigint NOT NULL,
            points_balance bigint NOT NULL,
            PRIMARY KEY (tenant_id, touch_id));
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync();
    }
}
