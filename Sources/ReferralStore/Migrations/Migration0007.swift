/// MESH (intake.md): each message's id, sender and reply on its ledger row, and the claims on
/// messages by id, so two instances never download the same message and a message committed
/// but not acknowledged (a crash between the two) is acknowledged without a second load.
enum Migration0007 {
    static let sql = """
    ALTER TABLE ingested_file
        ADD COLUMN mesh_message_id text,
        ADD COLUMN mesh_sender     text,
        ADD COLUMN mesh_reply_id   text;
    CREATE UNIQUE INDEX ingested_file_mesh_message ON ingested_file (mesh_message_id)
        WHERE mesh_message_id IS NOT NULL;

    CREATE TABLE mesh_message (
        message_id     text        PRIMARY KEY CHECK (message_id ~ '^[A-Za-z0-9_-]{1,100}$'),
        partner        text        NOT NULL,
        sender         text        NOT NULL,
        workflow_id    text        NOT NULL,
        owner          text        NOT NULL,
        lease_until    timestamptz NOT NULL,
        state          text        NOT NULL CHECK (state IN ('claimed', 'acknowledged', 'not_accepted')),
        first_seen     timestamptz NOT NULL DEFAULT now(),
        expiry_warned  boolean     NOT NULL DEFAULT false,
        acknowledged_at timestamptz,
        updated_at     timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX mesh_message_partner ON mesh_message (partner, state);
    """
}
