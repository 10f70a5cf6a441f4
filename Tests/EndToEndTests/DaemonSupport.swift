import Foundation
import PostgresLibPQ
import TestSupport

/// Helpers shared by the daemon end-to-end suites.
enum Daemon {
    /// Poll every 300 ms, settle after 2 s (delivered files are an hour old, so taken at once).
    static let fast = "  poll_interval: 300ms\n  settle_time: 2s"

    /// A standard extract of `rows` rows whose partner references are unique to `file`
    /// (`F<file>R<row>`), so distinct files have distinct bytes and referrals.
    static func extract(file: Int, rows: Int) -> [UInt8] {
        let text = String(decoding: ExtractFixture.extract(rows: rows), as: UTF8.self)
        return Array(text.replacingOccurrences(of: "\nREF", with: "\nF\(file)R").utf8)
    }

    /// Waits until `condition` holds or `timeout` seconds passed; returns the last result.
    @discardableResult
    static func waitUntil(_ timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    static func month() -> String { String(ISO8601DateFormatter().string(from: Date()).prefix(7)) }

    /// How many times `text` occurs in `log`.
    static func count(_ text: String, in log: String) -> Int { log.components(separatedBy: text).count - 1 }
}

extension PostgresConnection {
    /// The first column of the first row, or nil.
    func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        let result = try query(sql, parameters)
        return result.rowCount > 0 ? result[0, 0] : nil
    }

    /// The first column of every row.
    func column(_ sql: String) throws -> [String] {
        let result = try query(sql)
        return (0..<result.rowCount).compactMap { result[$0, 0] }
    }
}

extension Workspace {
    /// A workspace (temporary directory and configuration) on a database the caller provides.
    static func with(conninfo: String, partners: String = Workspace.defaultPartners, drop: String = "", _ body: (Workspace) throws -> Void) throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("referrald-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = Workspace(directory: dir, conninfo: conninfo)
        try workspace.writeConfig(conninfo: conninfo, partners: partners, drop: drop)
        try body(workspace)
    }

    func sampleBytes(_ sample: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: self.sample(sample))))
    }
}
