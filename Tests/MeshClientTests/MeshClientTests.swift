import Foundation
import MeshClient
import Testing
import TestSupport

/// The MESH client against the real sandbox (mutual TLS on 127.0.0.1), the trust played by the
/// reference client `mesh-client`.
@Suite(.enabled(if: MeshSandbox.available, "needs the MESH kit of scripts/test"))
struct MeshClientTests {
    static func client(
        _ sandbox: MeshSandbox, ca: String? = nil, passwordFile: String? = nil, pageSize: Int = 500, acceptsGzip: Bool = false
    ) throws -> MeshClient {
        let endpoint = MeshEndpoint(
            baseURL: sandbox.url, mailbox: MeshSandbox.council, clientCertificate: sandbox.clientCertificate,
            clientKey: sandbox.clientKey, caCertificate: ca ?? sandbox.caCertificate, connectTimeout: 5, stallTimeout: 10)
        let secrets = try MeshSecrets.read(passwordFile: passwordFile ?? sandbox.passwordFile, sharedKeyFile: sandbox.sharedKeyFile)
        return MeshClient(endpoint: endpoint, secrets: secrets, clientVersion: "test", pageSize: pageSize, acceptsGzip: acceptsGzip)
    }

    static func payload(rows: Int, in sandbox: MeshSandbox) throws -> (path: String, bytes: Data) {
        var text = "id,value\n"
        for row in 0..<rows { text += "\(row),\(UInt64.random(in: 0...UInt64.max))\n" }
        let path = sandbox.directory + "/payload-\(UUID().uuidString).csv"
        let bytes = Data(text.utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    static func download(_ client: MeshClient, _ id: String) throws -> (MeshMessageInfo, Data) {
        var received = Data()
        let info = try client.download(id) { received.append(contentsOf: $0) }
        return (info, received)
    }

    @Test func singleMessageIsListedDownloadedAndAcknowledgedOnce() throws {
        let sandbox = try MeshSandbox()
        let client = try Self.client(sandbox)
        try client.handshake()
        let sent = try Self.payload(rows: 200, in: sandbox)
        let id = try sandbox.trustSend(file: sent.path, filename: "referrals.csv")

        let inbox = try client.inbox()
        #expect(inbox.messageIDs == [id])
        #expect(inbox.approximateCount == 1)
        let head = try client.head(id)
        #expect(head.from == MeshSandbox.trust)
        #expect(head.workflowID == MeshSandbox.workflow)
        #expect(head.filename == "referrals.csv")
        let (info, received) = try Self.download(client, id)
        #expect(info.totalChunks == 1)
        #expect(received == sent.bytes)
        #expect(try sandbox.trustTrack(id) == "accepted")

        try client.acknowledge(id)
        #expect(try client.inbox().messageIDs.isEmpty)
        #expect(try sandbox.trustTrack(id) == "acknowledged")
    }

    /// Sent plain or gzip by the trust; fetched with `Accept-Encoding: identity` (the sandbox
    /// then decodes a gzip chunk itself) or `gzip` (every chunk arrives gzip encoded, decoded
    /// here). One connection for all the requests: kept alive between them.
    @Test(arguments: [false, true], [false, true])
    func fiveChunkMessageArrivesWholeAndInOrder(compressed: Bool, acceptsGzip: Bool) throws {
        let sandbox = try MeshSandbox()
        let client = try Self.client(sandbox, acceptsGzip: acceptsGzip)
        let sent = try Self.payload(rows: 5_000, in: sandbox)
        let id = try sandbox.trustSend(file: sent.path, chunks: 5, compress: compressed)
        #expect(try client.inbox().messageIDs == [id])
        let (info, received) = try Self.download(client, id)
        #expect(info.totalChunks == 5)
        #expect(received.count == sent.bytes.count)
        #expect(received == sent.bytes)
        try client.acknowledge(id)
        #expect(client.connectionsOpened == 1, "7 requests")
    }

    @Test func replySentToTheTrustReachesItsInbox() throws {
        let sandbox = try MeshSandbox()
        let client = try Self.client(sandbox)
        let report = Data("row,field,rule\n3,nhs_number,checksum\n".utf8)
        let id = try client.send(
            to: MeshSandbox.trust, workflowID: MeshSandbox.replyWorkflow, filename: "referrals.csv.report.csv", body: report)
        let lines = try sandbox.trustInbox()
        #expect(lines.contains("\(id) \(MeshSandbox.replyWorkflow) referrals.csv.report.csv"))
        #expect(try sandbox.trustRead(id) == String(decoding: report, as: UTF8.self))
    }

    @Test func inboxFollowsThePagesToTheLastId() throws {
        let sandbox = try MeshSandbox()
        let sent = try Self.payload(rows: 3, in: sandbox)
        var ids: [String] = []
        for _ in 0..<12 { ids.append(try sandbox.trustSend(file: sent.path)) }
        let inbox = try Self.client(sandbox, pageSize: 10).inbox()  // two pages: 10, then 2
        #expect(inbox.messageIDs.sorted() == ids.sorted())
        #expect(inbox.messageIDs.count == 12)
    }

    @Test func serverCertificateFromAnotherCAIsRefused() throws {
        let sandbox = try MeshSandbox()
        let client = try Self.client(sandbox, ca: sandbox.rogueCACertificate)
        #expect(throws: MeshError.certificate) { try client.handshake() }
        #expect(MeshError.certificate.needsReload)
    }

    @Test func wrongPasswordIsUnauthorisedNotAnOutage() throws {
        let sandbox = try MeshSandbox()
        let wrong = sandbox.directory + "/wrong-password"
        try Data("not-the-password".utf8).write(to: URL(fileURLWithPath: wrong))
        let client = try Self.client(sandbox, passwordFile: wrong)
        #expect(throws: MeshError.unauthorised(status: 403)) { try client.inbox() }
    }

    @Test func stoppedSandboxIsAnOutageAndRecovers() throws {
        let sandbox = try MeshSandbox()
        let client = try Self.client(sandbox)
        let sent = try Self.payload(rows: 10, in: sandbox)
        let id = try sandbox.trustSend(file: sent.path)
        sandbox.stop()
        #expect(throws: MeshError.unavailable(reason: "refused")) { try client.inbox() }
        try sandbox.start()
        #expect(try client.inbox().messageIDs == [id])
    }

    @Test func stopEndsADownloadMidway() throws {
        let sandbox = try MeshSandbox()
        let client = try Self.client(sandbox)
        let sent = try Self.payload(rows: 20_000, in: sandbox)
        let id = try sandbox.trustSend(file: sent.path, chunks: 4)
        var received = 0
        let stop = StopFlag()
        #expect(throws: MeshError.stopped) {
            _ = try client.download(id, stop: { stop.isSet }) { bytes in
                received += bytes.count
                stop.set()
            }
        }
        #expect(received < sent.bytes.count)
        #expect(try client.inbox().messageIDs == [id])
    }

    @Test func missingCredentialFileIsNamedAndNoSecretIsInAnyError() throws {
        let sandbox = try MeshSandbox()
        #expect(throws: MeshError.credential(what: "password file", path: "/nonexistent/mesh-password")) {
            try MeshSecrets.read(passwordFile: "/nonexistent/mesh-password", sharedKeyFile: sandbox.sharedKeyFile)
        }
        let sharedKey = try String(contentsOfFile: sandbox.sharedKeyFile, encoding: .utf8)
        var errors: [MeshError] = []
        for ca in [sandbox.rogueCACertificate, sandbox.caCertificate] {
            let wrong = sandbox.directory + "/wrong"
            try Data("wrong".utf8).write(to: URL(fileURLWithPath: wrong))
            let client = try Self.client(sandbox, ca: ca, passwordFile: wrong)
            do { try client.handshake() } catch { errors.append(error) }
        }
        #expect(errors.count == 2)
        for error in errors {
            #expect(!error.description.contains(sharedKey))
            #expect(!error.description.contains("password"))
        }
    }
}

/// A flag set from the download's sink and read by its stop check.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
