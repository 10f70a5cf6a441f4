/// File claims: which instance is loading which file, so several instances can share a drop
/// root and a database. Claims are updated, never deleted.
enum Migration0002 {
    static let sql = """
    CREATE TABLE file_claim (
        partner      text        NOT NULL,
        sha256       text        NOT NULL,
        file_name    text        NOT NULL,
        owner        text        NOT NULL,
        lease_until  timestamptz NOT NULL,
        state        text        NOT NULL CHECK (state IN ('claimed', 'committed', 'archived')),
        file_id      bigint      REFERENCES ingested_file (id),
        attempts     integer     NOT NULL DEFAULT 0,
        last_error   text,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner, sha256)
    );
    """
}
