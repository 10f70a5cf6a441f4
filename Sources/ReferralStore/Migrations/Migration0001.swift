/// The contract tables of spec README.md: the ledger, referrals, row issues, refused rows, alerts.
///
/// The file ids in `referral`, `row_issue` and `rejected_row` are written in the same transaction
/// as their `ingested_file` row, and ledger rows are never deleted, so they carry no foreign-key
/// constraints: on `referral` the two would cost two trigger lookups per row on every load.
enum Migration0001 {
    static let sql = """
    CREATE TABLE ingested_file (
        id              bigserial PRIMARY KEY,
        partner         text        NOT NULL,
        file_name       text        NOT NULL,
        sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes           bigint      NOT NULL CHECK (bytes >= 0),
        status          text        NOT NULL CHECK (status IN ('loaded', 'duplicate', 'refused')),
        reason          text,
        rows_total      integer     NOT NULL DEFAULT 0,
        rows_loaded     integer     NOT NULL DEFAULT 0,
        rows_rejected   integer     NOT NULL DEFAULT 0,
        rows_duplicate  integer     NOT NULL DEFAULT 0,
        warnings        integer     NOT NULL DEFAULT 0,
        received_at     timestamptz NOT NULL,
        finished_at     timestamptz,
        CHECK (rows_total = rows_loaded + rows_rejected + rows_duplicate)
    );
    CREATE UNIQUE INDEX ingested_file_loaded_once ON ingested_file (partner, sha256) WHERE status = 'loaded';
    CREATE INDEX ingested_file_partner_received ON ingested_file (partner, received_at);

    CREATE TABLE referral (
        partner                 text    NOT NULL,
        partner_ref             text    NOT NULL CHECK (length(partner_ref) BETWEEN 1 AND 64),
        referral_date           date    NOT NULL,
        nhs_number              text    CHECK (nhs_number ~ '^[0-9]{10}$'),
        upn                     text    CHECK (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
        la_child_id             text    CHECK (length(la_child_id) <= 20),
        forename                text    CHECK (length(forename) <= 100),
        surname                 text    CHECK (length(surname) <= 100),
        date_of_birth           date,
        expected_date_of_birth  date,
        sex                     text    NOT NULL CHECK (sex IN ('M', 'F', 'U')),
        ethnicity               text    NOT NULL,
        postcode                text,
        referral_source         text    NOT NULL,
        primary_need            text    CHECK (primary_need ~ '^N[0-9]$'),
        reason                  text    CHECK (length(reason) <= 4000),
        child_key               text    NOT NULL,
        first_file_id           bigint  NOT NULL,
        last_file_id            bigint  NOT NULL,
        PRIMARY KEY (partner, partner_ref)
    );
    CREATE INDEX referral_child_key ON referral (child_key, referral_date);
    CREATE INDEX referral_partner_date ON referral (partner, referral_date);

    CREATE TABLE row_issue (
        file_id     bigint  NOT NULL,
        row_number  integer NOT NULL CHECK (row_number >= 0),
        partner_ref text,
        field       text    NOT NULL,
        rule        text    NOT NULL,
        severity    text    NOT NULL CHECK (severity IN ('warning', 'error')),
        message     text    NOT NULL
    );
    CREATE INDEX row_issue_file ON row_issue (file_id, row_number);

    CREATE TABLE rejected_row (
        file_id     bigint  NOT NULL,
        row_number  integer NOT NULL CHECK (row_number >= 1),
        raw         bytea   NOT NULL,
        PRIMARY KEY (file_id, row_number)
    );

    CREATE TABLE alert (
        id              bigserial   PRIMARY KEY,
        rule            text        NOT NULL,
        scope           text        NOT NULL,
        granularity     text        NOT NULL CHECK (granularity IN ('month', 'week', 'day')),
        period_start    date        NOT NULL,
        observed        integer     NOT NULL,
        mean            double precision,
        upper_limit     double precision,
        lower_limit     double precision,
        baseline        integer     NOT NULL DEFAULT 0,
        state           text        NOT NULL CHECK (state IN ('firing', 'resolved', 'historic')),
        raised_at       timestamptz NOT NULL DEFAULT now(),
        resolved_at     timestamptz,
        UNIQUE (rule, scope, granularity, period_start)
    );
    """
}
