import Foundation
import ReferralStore
import Testing
import TestSupport

/// Claims on MESH messages by id, against a real PostgreSQL: one downloader per message, a
/// committed message found by its ledger row, the not-accepted warning once.
struct MeshMessagesTests {
    static var csv: [UInt8] { Array(ExtractFixture.extract(rows: 3)) }

    @Test func twoInstancesNeverClaimTheSameMessage() async throws {
        try await StoreHarness.with { store in
            let first = MeshMessages(connection: store.connection, owner: "one")
            let second = MeshMessages(connection: store.connection, owner: "two")
            #expect(try first.claim(messageID: "M1", partner: "health", sender: "X26ABC1", workflowID: "W") == .claimed)
            #expect(try second.claim(messageID: "M1", partner: "health", sender: "X26ABC1", workflowID: "W") == .heldByOther)
            #expect(try first.claim(messageID: "M1", partner: "health", sender: "X26ABC1", workflowID: "W") == .claimed)
            #expect(try second.known(["M1", "M2"]) == ["M1": "health"])
            try first.release(messageID: "M1")
            #expect(try second.claim(messageID: "M1", partner: "health", sender: "X26ABC1", workflowID: "W") == .claimed)
            #expect(try first.claim(messageID: "M1", partner: "health", sender: "X26ABC1", workflowID: "W") == .heldByOther)
            #expect(try store.count("SELECT count(*) FROM mesh_message") == 1)
        }
    }

    @Test func committedMessageIsFoundByItsLedgerRowWhoeverHeldIt() async throws {
        try await StoreHarness.with { store in
            let crashed = MeshMessages(connection: store.connection, owner: "crashed")
            let restarted = MeshMessages(connection: store.connection, owner: "restarted")
            #expect(try crashed.claim(messageID: "M7", partner: "health", sender: "X26ABC1", workflowID: "W") == .claimed)
            let summary = try store.load(Self.csv, partner: "health", name: "referrals.csv")
            try store.connection.query("UPDATE ingested_file SET mesh_message_id = 'M7' WHERE id = $1", [String(summary.fileId)])
            // The crashed instance's lease is still live, but the load committed: acknowledge it.
            #expect(try restarted.claim(messageID: "M7", partner: "health", sender: "X26ABC1", workflowID: "W")
                    == .committed(fileId: summary.fileId, replyID: nil))
            try restarted.recordReply(messageID: "M7", replyID: "R9")
            try restarted.recordReply(messageID: "M7", replyID: "R10")
            #expect(try restarted.claim(messageID: "M7", partner: "health", sender: "X26ABC1", workflowID: "W")
                    == .committed(fileId: summary.fileId, replyID: "R9"))
            try restarted.markAcknowledged(messageID: "M7")
            #expect(try crashed.claim(messageID: "M7", partner: "health", sender: "X26ABC1", workflowID: "W") == .acknowledged)
            #expect(try store.count("SELECT count(*) FROM ingested_file") == 1)
        }
    }

    @Test func notAcceptedIsRecordedOnceAndWarnedOfExpiryOnce() async throws {
        try await StoreHarness.with { store in
            let messages = MeshMessages(connection: store.connection, owner: "one")
            #expect(try messages.recordNotAccepted(messageID: "M3", partner: "health", sender: "X26ABC3", workflowID: "W"))
            #expect(try !messages.recordNotAccepted(messageID: "M3", partner: "health", sender: "X26ABC3", workflowID: "W"))
            #expect(try messages.claim(messageID: "M3", partner: "health", sender: "X26ABC3", workflowID: "W") == .notAccepted)
            #expect(try !messages.expiryWarningDue(messageID: "M3"))
            try store.connection.query("UPDATE mesh_message SET first_seen = now() - interval '4 days 1 hour'")
            #expect(try messages.expiryWarningDue(messageID: "M3"))
            #expect(try !messages.expiryWarningDue(messageID: "M3"))
            #expect(try messages.backlog(partner: "health") == (pending: 0, notAccepted: 1))
        }
    }

    @Test func aMessageIdIsOnOneLedgerRowAtMost() async throws {
        try await StoreHarness.with { store in
            let a = try store.load(Self.csv, partner: "health", name: "a.csv")
            let b = try store.load(Array(ExtractFixture.extract(rows: 4)), partner: "health", name: "b.csv")
            try store.connection.query("UPDATE ingested_file SET mesh_message_id = 'M5' WHERE id = $1", [String(a.fileId)])
            #expect(throws: (any Error).self) {
                try store.connection.query("UPDATE ingested_file SET mesh_message_id = 'M5' WHERE id = $1", [String(b.fileId)])
            }
        }
    }
}
