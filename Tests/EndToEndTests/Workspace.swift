import Foundation
import TestSupport

/// A temporary directory with a configuration file pointing at a fresh test database, and a way
/// to run the built `referrald` binary in it as a process.
struct Workspace {
    let directory: URL
    let conninfo: String
    var configPath: String { directory.appendingPathComponent("referrald.yaml").path }

    /// The package root (where Package.swift is).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary `swift build` left (scripts/test builds it before running the suite).
    static var binary: String {
        let debug = packageRoot.appendingPathComponent(".build/debug/referrald").path
        return ProcessInfo.processInfo.environment["REFERRALD_BIN"] ?? debug
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    /// Runs `body` with a workspace on a fresh database; removes both afterwards.
    static func with(partners: String = Workspace.defaultPartners, drop: String = "", _ body: (Workspace) throws -> Void) async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            try Workspace.with(conninfo: conninfo, partners: partners, drop: drop, body)
        }
    }

    static let defaultPartners = """
          acme: { profile: standard }
          health: { profile: health }
          police: { profile: police }
          schools: { profile: schools }
        """

    func writeConfig(conninfo: String, partners: String = Workspace.defaultPartners, drop: String = "") throws {
        let yaml = """
            database:
              conninfo: "\(conninfo.replacingOccurrences(of: "\"", with: "\\\""))"
            timezone: Europe/London
            drop:
              root: \(directory.path)/drop
            \(drop)
            partners:
            \(partners)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// `<drop root>/<partner>/<sub>`.
    func drop(_ partner: String, _ sub: String = "incoming") -> String {
        directory.path + "/drop/" + partner + "/" + sub
    }

    /// Writes a file into a partner's `incoming/` the polite way: a `.part` name, then a rename,
    /// with its modification time set `age` seconds in the past.
    func deliver(_ partner: String, _ name: String, _ bytes: [UInt8], age: Double = 3600) throws {
        let temporary = drop(partner) + "/" + name + ".part"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: temporary)
        try FileManager.default.moveItem(atPath: temporary, toPath: drop(partner) + "/" + name)
    }

    /// Names in a partner's sub-directory (recursively, relative), sorted.
    func files(_ partner: String, _ sub: String) -> [String] {
        let path = drop(partner, sub)
        guard let e = FileManager.default.enumerator(atPath: path) else { return [] }
        return e.compactMap { item -> String? in
            let name = item as! String
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDir)
            return isDir.boolValue ? nil : name
        }.sorted()
    }

    /// Runs `referrald ARGS --config <this workspace's file>` and waits for it.
    @discardableResult
    func run(_ arguments: [String], config: Bool = true, environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        if !extra.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 } }
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments + (config ? ["--config", configPath] : [])
        process.currentDirectoryURL = Self.packageRoot
        // Output goes to files, not pipes: nothing can block the child, whatever it prints.
        let outPath = directory.appendingPathComponent("stdout-\(UUID().uuidString)").path
        let errPath = directory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Writes `bytes` to a file in the workspace and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func sample(_ partner: String) throws -> String {
        let dir = Self.packageRoot.appendingPathComponent("samples/\(partner)")
        let name = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix(".csv") }!
        return dir.appendingPathComponent(name).path
    }
}
