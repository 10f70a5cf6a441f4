import PostgresLibPQ

/// Claims on files in the database: a row per (partner, SHA-256) with an owner and a lease,
/// taken with `FOR UPDATE SKIP LOCKED`, checked again inside the loading transaction.
///
/// A claim whose lease expired (its instance died) can be taken by another instance.
public struct FileClaims {
    public enum Outcome: Equatable, Sendable {
        /// Ours now; `attempts` earlier failures of these bytes.
        case claimed(attempts: Int)
        /// Committed by an earlier run but not moved: move it, write no new ledger row.
        case alreadyCommitted(fileId: Int64)
        /// Another live instance holds it.
        case heldByOther
    }

    /// The claim is no longer ours (our lease expired and another instance took it).
    public struct Lost: Error, CustomStringConvertible {
        public var description: String { "the file's claim was taken by another instance" }
    }

    public let connection: PostgresConnection
    /// Who we are: host, process and start time, unique per running instance.
    public let owner: String
    public let leaseSeconds: Int

    /// The lease only has to cover the moments outside the loading transaction (claim to BEGIN,
    /// COMMIT to the move): while the file loads, the claim row is locked by `verify`, and other
    /// instances skip locked rows. So it is short, and a killed instance's files are taken over
    /// (or retaken after a restart) within `leaseSeconds`.
    public init(connection: PostgresConnection, owner: String, leaseSeconds: Int = 30) {
        self.connection = connection
        self.owner = owner
        self.leaseSeconds = leaseSeconds
    }

    /// Tries to claim the file with these bytes. `isCurrent` says whether the file that was
    /// hashed is still where it was found; it is asked under the claim's lock, so a file another
    /// instance archived (moved, then marked) while we read it is never taken again, which would
    /// record it a second time as a duplicate.
    public func claim(partner: String, sha256: String, fileName: String, isCurrent: () -> Bool = { true }) throws -> Outcome {
        try connection.query(
            """
            INSERT INTO file_claim (partner, sha256, file_name, owner, lease_until, state)
            VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), 'claimed')
            ON CONFLICT (partner, sha256) DO NOTHING
            """,
            [partner, sha256, fileName, owner, String(leaseSeconds)])
        return try connection.transaction {
            let row = try connection.query(
                """
                SELECT state, owner, lease_until > now(), attempts, file_id, file_name
                FROM file_claim WHERE partner = $1 AND sha256 = $2 FOR UPDATE SKIP LOCKED
                """,
                [partner, sha256])
            guard row.rowCount == 1 else { return .heldByOther }
            let state = row[0, 0] ?? "", holder = row[0, 1] ?? "", live = row[0, 2] == "t"
            let attempts = Int(row[0, 3] ?? "0") ?? 0
            if holder != owner && live && state != "archived" { return .heldByOther }
            if !isCurrent() { return .heldByOther }
            if state == "committed", row[0, 5] == fileName, let id = row[0, 4].flatMap({ Int64($0) }) {
                try take(partner, sha256, fileName, state: "committed", attempts: attempts)
                return .alreadyCommitted(fileId: id)
            }
            // Unclaimed, ours, expired, or a re-send of bytes already archived: ours now.
            let fresh = state == "claimed" ? attempts : 0
            try take(partner, sha256, fileName, state: "claimed", attempts: fresh)
            return .claimed(attempts: fresh)
        }
    }

    /// Inside the loading transaction: locks the claim and throws `Lost` unless it is ours.
    public func verify(partner: String, sha256: String) throws {
        let row = try connection.query(
            "SELECT 1 FROM file_claim WHERE partner = $1 AND sha256 = $2 AND owner = $3 FOR UPDATE",
            [partner, sha256, owner])
        guard row.rowCount == 1 else { throw Lost() }
    }

    /// Inside the loading transaction, after `verify`: the file's rows are committed with it.
    public func markCommitted(partner: String, sha256: String, fileId: Int64) throws {
        try connection.query(
            "UPDATE file_claim SET state = 'committed', file_id = $3, updated_at = now() WHERE partner = $1 AND sha256 = $2",
            [partner, sha256, String(fileId)])
    }

    /// After the original was moved out of `incoming/`.
    public func markArchived(partner: String, sha256: String) throws {
        try connection.query(
            "UPDATE file_claim SET state = 'archived', updated_at = now() WHERE partner = $1 AND sha256 = $2 AND owner = $3",
            [partner, sha256, owner])
    }

    /// Records a failed attempt (not a database outage); returns the failures so far.
    public func recordFailure(partner: String, sha256: String, reason: String) throws -> Int {
        let row = try connection.query(
            """
            UPDATE file_claim SET attempts = attempts + 1, last_error = $3, updated_at = now()
            WHERE partner = $1 AND sha256 = $2 RETURNING attempts
            """,
            [partner, sha256, reason])
        return Int(row[0, 0] ?? "0") ?? 0
    }

    /// Gives up our claim at once (a graceful stop rolled its load back): the next instance, or
    /// this one restarted, takes the file without waiting for the lease to run out.
    public func release(partner: String, sha256: String) throws {
        try connection.query(
            "UPDATE file_claim SET lease_until = now(), updated_at = now() WHERE partner = $1 AND sha256 = $2 AND owner = $3 AND state = 'claimed'",
            [partner, sha256, owner])
    }

    private func take(_ partner: String, _ sha256: String, _ fileName: String, state: String, attempts: Int) throws {
        try connection.query(
            """
            UPDATE file_claim SET owner = $3, file_name = $4, state = $5, attempts = $6,
                   lease_until = now() + make_interval(secs => $7), updated_at = now()
            WHERE partner = $1 AND sha256 = $2
            """,
            [partner, sha256, owner, fileName, state, String(attempts), String(leaseSeconds)])
    }
}
