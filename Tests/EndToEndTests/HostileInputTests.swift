import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// quality.md, Reliability: a malformed input corpus (binary junk, truncated quotes, wrong
/// encodings, 10 MB fields, 100k columns, empty files, NUL bytes) through the built binary, both
/// `check --format json` and `ingest`, each under a timeout and a peak-memory bound: no crash, no
/// hang, memory bounded, every row accounted for, every refusal naming a rule.
///
/// The corpus is generated here, not committed: each case is a few lines of code.
@Suite("hostile input", .serialized)
struct HostileInputTests {
    /// A run that takes longer than this is a hang.
    static let timeout: TimeInterval = 60
    /// Peak resident memory allowed to one `referrald` process.
    static let peakLimitKiB = 256 * 1024
    /// Exit statuses that mean "handled": ok, rows refused, file refused, unreadable.
    static let handled: Set<Int32> = [0, 1, 2, 65]

    enum Case: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case randomBytes, nulInDataRows, unterminatedQuoteOverMegabytes, tenMegabyteField, hundredThousandColumns
        case windows1252InUTF8, utf16, mixedLineEnds, empty, headerOnly, bomOnly, blankLinesOnly

        var testDescription: String { rawValue }

        var bytes: [UInt8] {
            let header = Array((ExtractFixture.header + "\n").utf8)
            func rows(_ range: Range<Int>) -> [UInt8] { Array(range.map { ExtractFixture.row($0) + "\n" }.joined().utf8) }
            switch self {
            case .randomBytes:
                var generator = SplitMix(seed: 0x5EED)
                return (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            case .nulInDataRows:
                // NULs inside fields, a whole NUL field, and a NUL where a delimiter was.
                var out = header
                for i in 0..<20 {
                    var row = Array(ExtractFixture.row(i).utf8)
                    switch i % 3 {
                    case 0: row.insert(0, at: 3)
                    case 1: row += [UInt8(ascii: ","), 0, 0, 0]
                    default: if let comma = row.firstIndex(of: UInt8(ascii: ",")) { row[comma] = 0 }
                    }
                    out += row + [UInt8(ascii: "\n")]
                }
                return out
            case .unterminatedQuoteOverMegabytes:
                // A quote opened in row 3 and never closed: the rest, ~6 MB of rows, is inside it.
                var out = header + rows(0..<2) + Array("REF2,\"2013-05-03,".utf8)
                let line = Array((ExtractFixture.row(7) + "\n").utf8)
                while out.count < 6 << 20 { out += line }
                return out
            case .tenMegabyteField:
                var out = header + rows(0..<2)
                out += Array("REF2,2013-05-03,,,,Amelia,".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20)
                out += Array(",2005-01-01,,F,WBRI,LS1 1AB,1A,N1,reason\n".utf8)
                out += Array("REF3,2013-05-04,,,,Amelia,\"".utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: 10 << 20)
                out += Array("\",2005-01-01,,F,WBRI,LS1 1AB,1A,N1,reason\n".utf8)
                return out + rows(4..<6)
            case .hundredThousandColumns:
                var out = header + rows(0..<2)
                out += Array(ExtractFixture.row(2).utf8) + Array(repeating: Array(",c".utf8), count: 100_000).flatMap { $0 } + [UInt8(ascii: "\n")]
                return out + rows(3..<5)
            case .windows1252InUTF8:
                // "Zoë" and "Seán" as Windows-1252 (0xEB, 0xE1), an en dash (0x96), a pound sign (0xA3).
                var out = header
                for i in 0..<10 {
                    var row = Array(ExtractFixture.row(i).utf8)
                    let reason = i % 2 == 0 ? [0x5A, 0x6F, 0xEB] : [0x53, 0x65, 0xE1, 0x6E, 0x20, 0x96, 0x20, 0xA3, 0x35]
                    row += Array(" ".utf8) + reason.map { UInt8($0) }
                    out += row + [UInt8(ascii: "\n")]
                }
                return out
            case .utf16:
                let text = String(decoding: ExtractFixture.extract(rows: 10), as: UTF8.self)
                return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
            case .mixedLineEnds:
                let ends = ["\r\n", "\n", "\r"]
                var text = ExtractFixture.header + "\r\n"
                for i in 0..<30 { text += ExtractFixture.row(i) + ends[i % 3] }
                return Array(text.utf8)
            case .empty: return []
            case .headerOnly: return header
            case .bomOnly: return [0xEF, 0xBB, 0xBF]
            case .blankLinesOnly: return Array("\n\n\r\n\n   \n\r\n\n".utf8)
            }
        }
    }

    @Test(arguments: Case.allCases)
    func handledWithinBounds(_ hostile: Case) async throws {
        try await Workspace.with(partners: "  acme: { profile: standard }") { w in
            #expect(try w.run(["migrate"]).status == 0)
            let path = try w.file(hostile.rawValue + ".csv", hostile.bytes)

            let check = try Self.bounded(w, ["check", "--partner", "acme", path, "--format", "json"])
            #expect(Self.handled.contains(check.status), "check exited \(check.status): \(check.stderr.suffix(2000))")
            #expect(check.peakKiB < Self.peakLimitKiB, "check peak RSS \(check.peakKiB) KiB")
            if check.status != 65 {
                let json = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "\(check.stdout.prefix(500))")
                let counts = ["rows", "accepted", "rejected", "duplicates"].map { json[$0] as? Int ?? -1 }
                #expect(counts[0] >= 0 && counts[0] == counts[1] + counts[2] + counts[3], "check counts \(counts)")
                let issues = json["issues"] as? [[String: Any]] ?? []
                #expect(issues.allSatisfy { !($0["rule"] as? String ?? "").isEmpty }, "an issue without a rule")
                let refused = json["refused"] as? [String: Any]
                #expect((refused != nil) == (check.status == 2), "refused \(String(describing: refused)) with status \(check.status)")
                if let refused { #expect((refused["rule"] as? String ?? "").hasPrefix("file."), "refusal rule \(refused)") }
                if counts[2] > 0 { #expect(check.status == 1) }
            }

            let ingest = try Self.bounded(w, ["ingest", "--partner", "acme", path])
            #expect(Self.handled.contains(ingest.status), "ingest exited \(ingest.status): \(ingest.stderr.suffix(2000))")
            #expect(ingest.peakKiB < Self.peakLimitKiB, "ingest peak RSS \(ingest.peakKiB) KiB")

            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            let ledger = try db.query("SELECT id, status, coalesce(reason, ''), rows_total, rows_loaded, rows_rejected, rows_duplicate FROM referrald.ingested_file")
            if ingest.status == 65 {
                #expect(ledger.rowCount == 0, "unreadable yet a ledger row")
            } else {
                try #require(ledger.rowCount == 1, "ledger rows: \(ledger.rowCount); \(ingest.output.suffix(2000))")
                let id = ledger[0, 0]!, status = ledger[0, 1]!
                let n = (3...6).map { Int(ledger[0, $0]!)! }
                #expect(n[0] == n[1] + n[2] + n[3], "ledger counts \(n)")
                let rejectedRows = try db.query("SELECT count(*) FROM referrald.rejected_row WHERE file_id = $1", [id])
                #expect(Int(rejectedRows[0, 0]!) == n[2], "rejected_row count vs rows_rejected \(n[2])")
                let issues = try db.query("SELECT rule, row_number FROM referrald.row_issue WHERE file_id = $1", [id])
                #expect((0..<issues.rowCount).allSatisfy { !(issues[$0, 0] ?? "").isEmpty }, "an issue without a rule")
                // Every refused row has an error naming its rule.
                let unexplained = try db.query("""
                    SELECT count(*) FROM referrald.rejected_row r WHERE r.file_id = $1 AND NOT EXISTS (
                        SELECT 1 FROM referrald.row_issue i WHERE i.file_id = r.file_id AND i.row_number = r.row_number
                        AND i.severity = 'error' AND i.rule <> '')
                    """, [id])
                #expect(unexplained[0, 0] == "0", "refused rows without an error rule")
                let loaded = try db.query("SELECT count(*) FROM referrald.referral")
                #expect(Int(loaded[0, 0]!) == n[1], "referral rows vs rows_loaded")
                switch status {
                case "refused":
                    #expect(ingest.status == 2)
                    #expect(!ledger[0, 2]!.isEmpty, "a refused file without a reason")
                    #expect(ingest.stdout.contains("refused file."), "\(ingest.stdout)")
                    #expect((0..<issues.rowCount).contains { issues[$0, 1] == "0" && issues[$0, 0]!.hasPrefix("file.") }, "no file.* issue")
                    #expect(n[1] == 0, "a refused file loaded rows")
                case "loaded": #expect(ingest.status == (n[2] > 0 ? 1 : 0))
                default: Issue.record("ledger status \(status)")
                }
            }
            print("hostile \(hostile.rawValue): check exit=\(check.status) peak=\(check.peakKiB) KiB \(String(format: "%.1f", check.seconds))s; ingest exit=\(ingest.status) peak=\(ingest.peakKiB) KiB \(String(format: "%.1f", ingest.seconds))s; \(ingest.stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    struct BoundedRun {
        var status: Int32
        var stdout: String
        var stderr: String
        var peakKiB: Int
        var seconds: Double
        var output: String { stdout + stderr }
    }

    /// Runs `referrald ARGS --config …` with a deadline and measures its peak RSS: through
    /// `/usr/bin/time -f %M` when present, else by sampling VmHWM in /proc. A run past the
    /// deadline is killed and recorded as an issue.
    static func bounded(_ w: Workspace, _ arguments: [String]) throws -> BoundedRun {
        let id = UUID().uuidString
        let outPath = w.directory.appendingPathComponent("out-\(id)").path
        let errPath = w.directory.appendingPathComponent("err-\(id)").path
        let rssPath = w.directory.appendingPathComponent("rss-\(id)").path
        for path in [outPath, errPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        defer { for path in [outPath, errPath, rssPath] { try? FileManager.default.removeItem(atPath: path) } }
        let useTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        let process = Process()
        let command = [Workspace.binary] + arguments + ["--config", w.configPath]
        if useTime {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-f", "%M", "-o", rssPath] + command
        } else {
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
        }
        process.currentDirectoryURL = Workspace.packageRoot
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        var sampledKiB = 0
        while process.isRunning {
            if Date().timeIntervalSince(started) > timeout {
                process.terminate()
                usleep(500_000)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                Issue.record("referrald \(arguments.first ?? "") still running after \(Int(timeout)) s: a hang")
                break
            }
            if !useTime, let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                sampledKiB = max(sampledKiB, kib)
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        var peak = sampledKiB
        if useTime, let text = try? String(contentsOfFile: rssPath, encoding: .utf8) {
            // GNU time writes "Command exited with non-zero status N" before the figure.
            peak = text.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.last ?? 0
        }
        return BoundedRun(status: process.terminationStatus,
                          stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                          peakKiB: peak, seconds: Date().timeIntervalSince(started))
    }
}
