import Foundation
import Testing
import TestSupport

/// `scripts/install` staged into a DESTDIR with the already-built binary (`--binary`, so the test
/// builds nothing): every file placed, with its mode, the units pointing at the prefix, and an
/// operator's configuration never overwritten.
@Suite("scripts/install")
struct InstallTests {
    static let root = Workspace.packageRoot.path

    /// `PREFIX=prefix DESTDIR=destination scripts/install --binary <built referrald>`.
    func install(into destination: String, prefix: String? = nil) throws -> (status: Int32, output: String) {
        var command = ["/usr/bin/env", "DESTDIR=\(destination)"]
        if let prefix { command.append("PREFIX=\(prefix)") }
        return try Spawn.run(command + [Self.root + "/scripts/install", "--binary", Workspace.binary], directory: Self.root)
    }

    /// Every regular file under `directory`, relative, with its permission bits.
    func tree(_ directory: String) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: directory) ?? .init() {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + path)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                out[path] = (attributes[.posixPermissions] as? Int) ?? -1
            }
        }
        return out
    }

    func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func withStage(_ body: (String) throws -> Void) throws {
        let stage = NSTemporaryDirectory() + "install-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: stage, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: stage) }
        try body(stage)
    }

    @Test func destdirInstallPlacesEveryFileWithItsMode() throws {
        try withStage { stage in
            let run = try install(into: stage)
            #expect(run.status == 0, "\(run.output)")
            let profiles = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/config/partners").filter { $0.hasSuffix(".yaml") }
            var expected: [String: Int] = [
                "usr/local/bin/referrald": 0o755,
                "etc/systemd/system/referrald.service": 0o644,
                "etc/systemd/system/referrald-retention.service": 0o644,
                "etc/systemd/system/referrald-retention.timer": 0o644,
                "usr/lib/sysusers.d/referrald.conf": 0o644,
                "usr/lib/tmpfiles.d/referrald.conf": 0o644,
                "etc/referrald/referrald.yaml": 0o640,
                // MESH credentials (LoadCredential=): empty placeholders, owner-only.
                "etc/referrald/mesh/password": 0o600,
                "etc/referrald/mesh/shared-key": 0o600,
                "etc/referrald/mesh/client.key": 0o600,
            ]
            #expect(profiles.count >= 4)
            for profile in profiles { expected["usr/local/share/referrald/partners/" + profile] = 0o644 }
            #expect(try tree(stage) == expected)
            #expect(try mode(stage + "/etc/referrald") == 0o750)

            // The files are the source tree's, the units rewritten to the prefix.
            #expect(FileManager.default.contentsEqual(atPath: stage + "/usr/local/bin/referrald", andPath: Workspace.binary))
            #expect(try text(stage + "/etc/referrald/referrald.yaml") == text(Self.root + "/config/referrald.example.yaml"))
            for profile in profiles {
                #expect(try text(stage + "/usr/local/share/referrald/partners/" + profile) == text(Self.root + "/config/partners/" + profile))
            }
            #expect(try text(stage + "/usr/lib/sysusers.d/referrald.conf") == text(Self.root + "/systemd/referrald.sysusers"))
            #expect(try text(stage + "/etc/systemd/system/referrald.service").contains("\nExecStart=/usr/local/bin/referrald run --config /etc/referrald/referrald.yaml\n"))
            #expect(try text(stage + "/etc/systemd/system/referrald-retention.service").contains("\nExecStart=/usr/local/bin/referrald retention --config /etc/referrald/referrald.yaml\n"))
            #expect(run.output.contains("install: referrald \(try Self.version())"), "\(run.output)")

            // The installed example configuration is valid as shipped, profiles included.
            let check = try Spawn.run([Workspace.binary, "config", "check", "--config", stage + "/etc/referrald/referrald.yaml"])
            #expect(check.status == 0, "\(check.output)")

            // An operator's configuration survives a reinstall.
            try "# edited by the operator\n".write(toFile: stage + "/etc/referrald/referrald.yaml", atomically: false, encoding: .utf8)  // keeps its mode
            let again = try install(into: stage)
            #expect(again.status == 0, "\(again.output)")
            #expect(again.output.contains("keeping the existing"))
            #expect(try text(stage + "/etc/referrald/referrald.yaml") == "# edited by the operator\n")
            #expect(try tree(stage) == expected)
        }
    }

    @Test func prefixFromTheEnvironmentMovesBinaryProfilesAndExecStart() throws {
        try withStage { stage in
            let run = try install(into: stage, prefix: "/opt/referrald")
            #expect(run.status == 0, "\(run.output)")
            #expect(try mode(stage + "/opt/referrald/bin/referrald") == 0o755)
            #expect(FileManager.default.fileExists(atPath: stage + "/opt/referrald/share/referrald/partners/standard.yaml"))
            #expect(!FileManager.default.fileExists(atPath: stage + "/usr/local"))
            #expect(try text(stage + "/etc/systemd/system/referrald.service").contains("\nExecStart=/opt/referrald/bin/referrald run "))
            #expect(try text(stage + "/etc/systemd/system/referrald-retention.service").contains("\nExecStart=/opt/referrald/bin/referrald retention "))
            #expect(run.output.contains("does not search /opt/referrald/share/referrald/partners"))
        }
    }

    @Test func versionIsTheOneInTheSources() throws {
        let run = try Spawn.run([Workspace.binary, "--version"])
        #expect(run.status == 0)
        let version = try Self.version()
        #expect(run.output == version + "\n")
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil })
    }

    /// `ReferralVersion.current`, read from its source file.
    static func version() throws -> String {
        let source = try String(contentsOfFile: root + "/Sources/ReferralCore/ReferralVersion.swift", encoding: .utf8)
        guard let line = source.split(separator: "\n").first(where: { $0.contains("static let current") }),
              let open = line.firstIndex(of: "\""), let close = line.lastIndex(of: "\""), open < close else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "Sources/ReferralCore/ReferralVersion.swift"])
        }
        return String(line[line.index(after: open)..<close])
    }
}
