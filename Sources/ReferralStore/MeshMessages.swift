import Foundation
import PostgresLibPQ

/// Claims on MESH messages by message id (intake.md): taken before a message is downloaded, so
/// two instances never download the same one. Whether a message was loaded is the ledger's word
/// (`ingested_file.mesh_message_id`, written in the load's own transaction), so a message
/// committed but not acknowledged is found after any crash and acknowledged without a second load.
public struct MeshMessages {
    public enum Outcome: Equatable, Sendable {
        /// Ours now: download and load it.
        case claimed
        /// Its load committed (ledger row `fileId`); acknowledge it (and reply, if `replyID` is nil).
        case committed(fileId: Int64, replyID: String?)
        /// Acknowledged already (listed again only if MESH has not caught up).
        case acknowledged
        /// Its sender or workflow is not accepted: leave it for a person.
        case notAccepted
        /// Another live instance holds it.
        case heldByOther
    }

    public let connection: PostgresConnection
    public let owner: String
    public let leaseSeconds: Int

    public init(connection: PostgresConnection, owner: String, leaseSeconds: Int = 30) {
        self.connection = connection
        self.owner = owner
        self.leaseSeconds = leaseSeconds
    }

    /// The ids among `ids` that have a row already (any state), with their partner.
    public func known(_ ids: [String]) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try connection.query(
            "SELECT message_id, partner FROM mesh_message WHERE message_id = ANY($1::text[])", [Self.array(ids)])
        var known: [String: String] = [:]
        for row in 0..<rows.rowCount { known[rows[row, 0] ?? ""] = rows[row, 1] ?? "" }
        return known
    }

    /// Tries to claim the message for `partner` (sender and workflow as MESH said).
    public func claim(messageID: String, partner: String, sender: String, workflowID: String) throws -> Outcome {
        try connection.query(
            """
            INSERT INTO mesh_message (message_id, partner, sender, workflow_id, owner, lease_until, state)
            VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), 'claimed')
            ON CONFLICT (message_id) DO NOTHING
            """,
            [messageID, partner, sender, workflowID, owner, String(leaseSeconds)])
        return try connection.transaction {
            let row = try connection.query(
                """
                SELECT m.state, m.owner, m.lease_until > now(), f.id, f.mesh_reply_id
                FROM mesh_message m LEFT JOIN ingested_file f ON f.mesh_message_id = m.message_id
                WHERE m.message_id = $1 FOR UPDATE OF m SKIP LOCKED
                """,
                [messageID])
            guard row.rowCount == 1 else { return .heldByOther }
            let state = row[0, 0] ?? "", holder = row[0, 1] ?? "", live = row[0, 2] == "t"
            switch state {
            case "acknowledged": return .acknowledged
            case "not_accepted": return .notAccepted
            default: break
            }
            if let fileId = row[0, 3].flatMap({ Int64($0) }) {
                try take(messageID)
                return .committed(fileId: fileId, replyID: row[0, 4])
            }
            if holder != owner && live { return .heldByOther }
            try take(messageID)
            return .claimed
        }
    }

    /// Records a message whose sender or workflow is not accepted; true the first time (warn then).
    public func recordNotAccepted(messageID: String, partner: String, sender: String, workflowID: String) throws -> Bool {
        let row = try connection.query(
            """
            INSERT INTO mesh_message (message_id, partner, sender, workflow_id, owner, lease_until, state)
            VALUES ($1, $2, $3, $4, $5, now(), 'not_accepted')
            ON CONFLICT (message_id) DO NOTHING RETURNING 1
            """,
            [messageID, partner, sender, workflowID, owner])
        return row.rowCount == 1
    }

    /// True once for a not-accepted message first seen `days` ago or more (MESH expires
    /// unacknowledged messages after 5): the second warning.
    public func expiryWarningDue(messageID: String, days: Int = 4) throws -> Bool {
        let row = try connection.query(
            """
            UPDATE mesh_message SET expiry_warned = true, updated_at = now()
            WHERE message_id = $1 AND state = 'not_accepted' AND NOT expiry_warned
              AND first_seen <= now() - make_interval(days => $2)
            RETURNING 1
            """,
            [messageID, String(days)])
        return row.rowCount == 1
    }

    /// Extends our lease (between chunks of a long download).
    public func renew(messageID: String) throws {
        try connection.query(
            "UPDATE mesh_message SET lease_until = now() + make_interval(secs => $3), updated_at = now() WHERE message_id = $1 AND owner = $2 AND state = 'claimed'",
            [messageID, owner, String(leaseSeconds)])
    }

    /// Lets the claim go at once (a stop during the download): the next instance takes it.
    public func release(messageID: String) throws {
        try connection.query(
            "UPDATE mesh_message SET lease_until = now(), updated_at = now() WHERE message_id = $1 AND owner = $2 AND state = 'claimed'",
            [messageID, owner])
    }

    /// After MESH accepted the acknowledgement.
    public func markAcknowledged(messageID: String) throws {
        try connection.query(
            "UPDATE mesh_message SET state = 'acknowledged', acknowledged_at = now(), updated_at = now() WHERE message_id = $1",
            [messageID])
    }

    /// The report-back reply's message id on the message's ledger row.
    public func recordReply(messageID: String, replyID: String) throws {
        try connection.query(
            "UPDATE ingested_file SET mesh_reply_id = $2 WHERE mesh_message_id = $1 AND mesh_reply_id IS NULL",
            [messageID, replyID])
    }

    /// Messages of `partner` claimed but not yet acknowledged, and those left for a person.
    public func backlog(partner: String) throws -> (pending: Int, notAccepted: Int) {
        let row = try connection.query(
            """
            SELECT count(*) FILTER (WHERE state = 'claimed'), count(*) FILTER (WHERE state = 'not_accepted')
            FROM mesh_message WHERE partner = $1
            """,
            [partner])
        return (Int(row[0, 0] ?? "0") ?? 0, Int(row[0, 1] ?? "0") ?? 0)
    }

    private func take(_ messageID: String) throws {
        try connection.query(
            "UPDATE mesh_message SET owner = $2, lease_until = now() + make_interval(secs => $3), updated_at = now() WHERE message_id = $1",
            [messageID, owner, String(leaseSeconds)])
    }

    /// A PostgreSQL array literal of ids (already checked to be letters, digits, `_`, `-`).
    static func array(_ ids: [String]) -> String {
        "{" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "}"
    }
}
