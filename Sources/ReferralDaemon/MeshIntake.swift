import DropDirectory
import Foundation
import Intake
import Logging
import MeshClient
import ReferralConfig
import ReferralCore
import ReferralStore

#if canImport(Glibc)
import Glibc
#endif

/// A partner's MESH messages as an intake (intake.md): `list` polls the council's inbox (when
/// due), claims this partner's accepted messages by message id and downloads them into
/// referrald's own spool; the per-file job loads them exactly as dropped files; `archive` moves
/// the original bytes to the partner's `processed/` or `rejected/`; `settle`, after the commit,
/// sends the report back (when asked) and acknowledges the message.
struct MeshIntake: Intake {
    let settings: MeshIntakeSettings
    let layout: DropLayout
    let spool: MeshSpool
    let maxFileSize: Int64
    let client: MeshClient
    let messages: MeshMessages
    let link: MeshLink
    /// Every mesh partner's accepted sender mailboxes (a message is routed by its sender).
    let senders: [String: String]
    /// The first mesh partner also warns of messages no partner accepts.
    let warnsForUnknownSenders: Bool
    let logger: Logger
    let stop: StopFlag
    let metrics: DaemonMetrics?

    var partner: String { layout.partner }
    var archives: Bool { true }

    func list() throws -> IntakeListing {
        var listing = IntakeListing()
        let now = Date().timeIntervalSince1970
        if link.due(now: now) {
            do throws(MeshError) {
                link.checkCertificate(client.endpoint.clientCertificate, now: now)
                if link.handshakeDue(now: now) {
                    try client.handshake()
                    link.handshook(now: now)
                }
                let inbox = try client.inbox()
                link.inboxBacklog = inbox.approximateCount
                metrics?.meshInbox(partner: partner, messages: inbox.approximateCount)
                try take(inbox.messageIDs)
                link.succeeded(now: Date().timeIntervalSince1970)
            } catch .stopped {
                // A graceful stop during a download: the claim was let go.
            } catch {
                link.failed(error, now: Date().timeIntervalSince1970)
            }
        }
        // Whole messages in the spool (this pass's, or an earlier run's not yet archived).
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: spool.directory)) ?? []
        for id in ids.sorted() where MeshMessageInfo.isValidID(id) {
            guard let name = spool.spooled(id) else { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: spool.path(id, name: name))
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            listing.items.append(IntakeItem(id: id, name: name, observation: FileObservation(size: size, modified: 0), externalID: id))
        }
        return listing
    }

    /// Claims and downloads the messages of `ids` that are this partner's. An outage or a
    /// configuration error ends the pass (thrown); a message MESH will not serve (gone, expired,
    /// malformed) is skipped with one warning; a local failure (database, spool) ends the pass
    /// with one error line.
    private func take(_ ids: [String]) throws(MeshError) {
        let known: [String: String]
        do { known = try messages.known(ids) } catch { return }  // the database: the work loop reports it
        for id in ids {
            if stop.isSet { return }
            if let owner = known[id], owner != partner { continue }
            if spool.spooled(id) != nil { continue }
            do {
                try takeOne(id)
            } catch let error as MeshError {
                switch error {
                case .unavailable, .unauthorised, .certificate, .credential, .stopped: throw error
                case .http, .protocolViolation, .sink:
                    if link.firstReport(of: id) {
                        logger.warning("mesh message skipped", metadata: ["partner": "\(partner)", "message_id": "\(id)", "reason": "\(error.reason)"])
                    }
                }
            } catch {
                logger.error("mesh message not taken", metadata: ["partner": "\(partner)", "message_id": "\(id)", "reason": "\(FileJob.reason(error))"])
                return
            }
        }
    }

    private func takeOne(_ id: String) throws {
        let info = try client.head(id)
        let route = senders[info.from]
        if route != nil && route != partner { return }
        guard route == partner && settings.workflowIDs.contains(info.workflowID) else {
            if route == partner || warnsForUnknownSenders { try notAccepted(info) }
            return
        }
        switch try messages.claim(messageID: id, partner: partner, sender: info.from, workflowID: info.workflowID) {
        case .claimed:
            try download(info)
        case .committed(let fileId, let replyID):
            // Committed but not acknowledged (a crash between the two), its original archived
            // already (else it would still be in the spool, for the job to finish).
            try acknowledge(id, fileId: fileId, replyID: replyID)
        case .acknowledged:
            try client.acknowledge(id)
        case .notAccepted:
            try notAccepted(info)
        case .heldByOther:
            return
        }
    }

    private func download(_ info: MeshMessageInfo) throws {
        let name = MeshSpool.sanitisedName(info.filename, messageID: info.messageID)
        do {
            let stop = self.stop
            _ = try spool.download(info.messageID, name: name, client: client, stop: { stop.isSet })
        } catch {
            spool.discard(info.messageID)
            try? messages.release(messageID: info.messageID)
            throw error
        }
        try messages.renew(messageID: info.messageID)
        logger.info("mesh message downloaded", metadata: ["partner": "\(partner)", "message_id": "\(info.messageID)", "file": "\(LogSafe.fileName(name))"])
    }

    private func notAccepted(_ info: MeshMessageInfo) throws {
        let metadata: Logger.Metadata = ["partner": "\(partner)", "message_id": "\(info.messageID)", "from": "\(LogSafe.fileName(info.from))",
                                         "workflow": "\(LogSafe.fileName(info.workflowID))"]
        if try messages.recordNotAccepted(messageID: info.messageID, partner: partner, sender: info.from, workflowID: info.workflowID) {
            logger.warning("mesh message not accepted", metadata: metadata)
        } else if try messages.expiryWarningDue(messageID: info.messageID) {
            logger.warning("mesh message not accepted expires in a day", metadata: metadata)
        }
    }

    func open(_ item: IntakeItem) throws(IntakeError) -> OpenedItem {
        try OpenedItem.open(item, path: spool.path(item.id, name: item.name), maxSize: maxFileSize)
    }

    func isCurrent(_ opened: OpenedItem) -> Bool { opened.file?.isStill(at: spool.path(opened.item.id, name: opened.item.name)) ?? false }

    func isPresent(_ item: IntakeItem) -> Bool { access(spool.path(item.id, name: item.name), F_OK) == 0 }

    func archive(_ item: IntakeItem, outcome: ItemOutcome, month: String, beside: (ArchivedItem) throws -> Void) throws -> ArchivedItem? {
        let directory = outcome == .loaded ? layout.processed(month: month) : layout.rejected
        let kept = { (name: String) in ArchivedItem(name: name, directory: directory, place: outcome == .loaded ? "processed" : "rejected") }
        try layout.create()
        let stored = try Archiver.move(name: item.name, from: spool.messageDirectory(item.id), to: directory) { try beside(kept($0)) }
        spool.discard(item.id)
        return kept(stored)
    }

    /// After the commit and the archive: the report back (once), then the acknowledgement.
    func settle(_ item: IntakeItem, outcome: ItemOutcome) throws {
        let row = try messages.connection.query(
            "SELECT id, mesh_reply_id FROM ingested_file WHERE mesh_message_id = $1", [item.id])
        guard row.rowCount == 1, let fileId = row[0, 0].flatMap({ Int64($0) }) else { return }
        do {
            try acknowledge(item.id, fileId: fileId, replyID: row[0, 1])
        } catch let error as MeshError {
            // Committed and archived: MESH lists it again and the next pass acknowledges it
            // (found committed by its ledger row), once MESH answers.
            link.failed(error, now: Date().timeIntervalSince1970)
        }
    }

    private func acknowledge(_ id: String, fileId: Int64, replyID: String?) throws {
        if settings.reportBack, replyID == nil {
            try reply(id, fileId: fileId)
        }
        if Self.crashBeforeAcknowledging { kill(getpid(), SIGKILL) }
        try client.acknowledge(id)
        try messages.markAcknowledged(messageID: id)
        logger.info("mesh message acknowledged", metadata: ["partner": "\(partner)", "message_id": "\(id)", "file_id": "\(fileId)"])
    }

    /// The partner report of the message's ledger row, sent to its sender as a MESH message.
    private func reply(_ id: String, fileId: Int64) throws {
        let row = try messages.connection.query(
            "SELECT m.sender, m.workflow_id, f.file_name FROM mesh_message m JOIN ingested_file f ON f.mesh_message_id = m.message_id WHERE m.message_id = $1",
            [id])
        guard row.rowCount == 1, let sender = row[0, 0], let workflow = row[0, 1], let name = row[0, 2] else { return }
        let body = try PartnerReportFile.render(fileId: fileId, connection: messages.connection)
        let replyID = try client.send(to: sender, workflowID: settings.replyWorkflow(for: workflow), filename: name + ".report.csv", body: body)
        try messages.recordReply(messageID: id, replyID: replyID)
    }

    func reportDirectory() throws -> String? { layout.reports }

    /// A fail point for the crash tests (`REFERRALD_FAILPOINT=mesh-before-ack`, never set by the
    /// unit): the process kills itself with SIGKILL after the commit, before the acknowledgement.
    static let crashBeforeAcknowledging = ProcessInfo.processInfo.environment["REFERRALD_FAILPOINT"] == "mesh-before-ack"
}
