namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>The versioned schema: every migration in order; <c>{schema}</c> is replaced by the quoted schema name.</summary>
/// <remarks>Never edit a shipped migration: add a new one. Each runs in the migrating transaction, under the advisory lock.</remarks>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "refresh tokens, users, incidents", """
            CREATE TABLE {schema}.refresh_tokens (
                token_hash text PRIMARY KEY,
                family_id text NOT NULL,
                subject text NOT NULL,
                session_id text NOT NULL,
                issued_at timestamptz NOT NULL,
                idle_expires_at timestamptz NOT NULL,
                family_expires_at timestamptz NOT NULL,
                used_at timestamptz NULL);
            CREATE INDEX refresh_tokens_subject ON {schema}.refresh_tokens (subject, session_id);
            CREATE TABLE {schema}.refresh_token_revoked_families (
                family_id text PRIMARY KEY,
                revoked_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE {schema}.users (
                subject text PRIMARY KEY,
                normalized_user_name text NOT NULL UNIQUE,
                user_name text NOT NULL,
                password_hash text NOT NULL,
                roles text[] NOT NULL,
                credentials_changed_at timestamptz NOT NULL);
            CREATE TABLE {schema}.incidents (
                id text PRIMARY KEY,
                version bigint NOT NULL CHECK (version >= 1),
                dedup_key text NOT NULL,
                is_open boolean NOT NULL,
                created_order bigint GENERATED ALWAYS AS IDENTITY,
                document text NOT NULL);
            CREATE INDEX incidents_dedup_key ON {schema}.incidents (dedup_key, created_order DESC);
            CREATE INDEX incidents_created_order ON {schema}.incidents (created_order);
            """),
        new(2, "key ring", """
            CREATE TABLE {schema}.key_ring (
                id smallint PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL,
                document bytea NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now());
            """),
        new(3, "audit trail", """
            CREATE TABLE {schema}.audit_records (
                sequence bigint PRIMARY KEY CHECK (sequence >= 0),
                data bytea NULL,
                leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
                recorded_at timestamptz NOT NULL,
                group_end bigint NOT NULL);
            CREATE INDEX audit_records_group_end ON {schema}.audit_records (group_end);
            CREATE TABLE {schema}.audit_commits (
                tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
                note text NOT NULL);
            CREATE TABLE {schema}.audit_checkpoints (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                tree_size bigint NOT NULL,
                note text NOT NULL);
            """),
    ];

    public static int Latest => All[^1].Version;
}

/// <summary>One schema migration.</summary>
/// <param name="Version">Its version, one more than the previous.</param>
/// <param name="Description">What it adds.</param>
/// <param name="Sql">The statements, with <c>{schema}</c> for the quoted schema name.</param>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
