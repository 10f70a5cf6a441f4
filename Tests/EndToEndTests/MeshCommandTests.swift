import Foundation
import Testing
import TestSupport

/// `referrald mesh check` against the real MESH sandbox: the configured connection (mutual TLS,
/// the secrets from their files), unconfined and under the unit's seccomp filters (libcurl's
/// system calls are let through).
@Suite(.enabled(if: MeshSandbox.available, "needs the MESH kit of scripts/test"))
struct MeshCommandTests {
    static func check(_ config: String, under prefix: [String] = []) throws -> (status: Int32, output: String) {
        try Spawn.run(prefix + [Workspace.binary, "mesh", "check", "--config", config])
    }

    @Test func checkHandshakesAndCountsTheInboxWithoutASecretInItsOutput() throws {
        let sandbox = try MeshSandbox()
        let payload = sandbox.directory + "/one.csv"
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: payload))
        let id = try sandbox.trustSend(file: payload)
        let config = try MeshFixture.writeConfig(in: sandbox.directory, sandbox: sandbox)
        let run = try Self.check(config)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("mesh mailbox \(MeshSandbox.council): handshake ok, inbox 1 message(s)"))
        let sharedKey = try String(contentsOfFile: sandbox.sharedKeyFile, encoding: .utf8)
        #expect(!run.output.contains(sharedKey))
        #expect(try sandbox.trustTrack(id) == "accepted")  // looked at, never acknowledged
    }

    @Test func aServerCertificateThatDoesNotVerifyIsAConfigurationError() throws {
        let sandbox = try MeshSandbox()
        let config = try MeshFixture.writeConfig(in: sandbox.directory, sandbox: sandbox, ca: sandbox.rogueCACertificate)
        let run = try Self.check(config)
        #expect(run.status == 78, "\(run.output)")
        #expect(run.output.contains("mesh server certificate does not verify"))
    }

    @Test(.enabled(if: SeccompHelper.available, "needs root and the seccomp helper"))
    func checkWorksUnderTheUnitsSeccompFilters() throws {
        let sandbox = try MeshSandbox()
        let config = try MeshFixture.writeConfig(in: sandbox.directory, sandbox: sandbox)
        let run = try Self.check(config, under: [SeccompHelper.runScript, "--"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("handshake ok, inbox 0 message(s)"))
    }
}

extension MeshCommandTests {
    /// As the unit runs it (scripts/run-confined): an unprivileged user, PrivateTmp=, ProtectHome=,
    /// the secrets only as LoadCredential= files in $CREDENTIALS_DIRECTORY, and the seccomp filters.
    @Test(.enabled(if: Confinement.possible && SeccompHelper.available, "needs root, unshare, setpriv and the seccomp helper"))
    func checkWorksConfinedWithItsSecretsAsCredentials() throws {
        let sandbox = try MeshSandbox()
        let base = "/var/lib/referrald-mesh-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: base) }
        for name in ["client.pem", "ca.pem"] {
            try FileManager.default.copyItem(atPath: sandbox.kit + "/" + name, toPath: base + "/" + name)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: base + "/" + name)
        }
        try FileManager.default.createDirectory(atPath: base + "/drop", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let credentials = "/tmp/.credentials"
        let config = base + "/referrald.yaml"
        try """
            database:
              conninfo: "host=/nonexistent dbname=none"
            drop:
              root: \(base)/drop
            partners:
            \(MeshFixture.partners())
            \(MeshFixture.section(sandbox, confined: (base, credentials)))
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: config)
        let binary = try Confinement.stage(Workspace.binary, in: base)
        let run = try Spawn.run([
            DaemonConfinementTests.script, "--user", "nobody", "--group", "nogroup", "--drop", base + "/drop",
            "--credential", "mesh-password:\(sandbox.passwordFile)", "--credential", "mesh-shared-key:\(sandbox.sharedKeyFile)",
            "--credential", "mesh-client-key:\(sandbox.clientKey)", "--",
            SeccompHelper.runScript, "--", binary, "mesh", "check", "--config", config,
        ])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("mesh mailbox \(MeshSandbox.council): handshake ok, inbox 0 message(s)"), "\(run.output)")
    }
}
