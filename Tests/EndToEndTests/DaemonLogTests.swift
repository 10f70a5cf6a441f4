import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Logs: syslog priorities under journald, sanitised file names, and never a
/// personal value.
@Suite("referrald run: logs", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonLogTests {
    /// Delivers a good file, a file with a newline and one with an escape sequence in its name,
    /// and a symbolic link; returns the log after a clean stop.
    private func exercise(_ w: Workspace, environment: [String: String]) throws -> String {
        let daemon = try DaemonProcess(workspace: w, environment: environment)
        #expect(daemon.waitForLog("referrald ready"))
        try w.deliver("acme", "plain.csv", Daemon.extract(file: 1, rows: 5))
        try w.deliver("acme", "new\nline.csv", Daemon.extract(file: 2, rows: 5))
        try w.deliver("acme", "esc\u{1B}[31mred\u{07}.csv", Daemon.extract(file: 3, rows: 5))
        try FileManager.default.createSymbolicLink(atPath: w.drop("acme") + "/link.csv", withDestinationPath: "/etc/passwd")
        #expect(Daemon.waitUntil(30) { w.files("acme", "incoming") == ["link.csv"] && Daemon.count("file loaded", in: daemon.log) == 3 },
                "\(daemon.log)")
        #expect(daemon.waitForLog("file skipped"))
        #expect(daemon.terminate()?.status == 0)
        let month = Daemon.month()
        #expect(w.files("acme", "processed") == ["\(month)/esc\u{1B}[31mred\u{07}.csv", "\(month)/new\nline.csv", "\(month)/plain.csv"])
        let raw = try Data(contentsOf: URL(fileURLWithPath: daemon.logPath))
        #expect(!raw.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }, "raw control bytes in the log")
        let log = String(decoding: raw, as: UTF8.self)
        #expect(log.contains("file=new?line.csv"), "\(log)")
        #expect(log.contains("file=esc?[31mred?.csv"), "\(log)")
        return log
    }

    private func lines(_ log: String) -> [Substring] { log.split(separator: "\n") }

    @Test func underJournaldEveryLineStartsWithItsPriority() async throws {
        try await Workspace.with(drop: Daemon.fast) { w in
            try w.run(["migrate"])
            let log = try exercise(w, environment: ["JOURNAL_STREAM": "8:1234"])
            #expect(lines(log).count >= 6)
            for line in lines(log) {
                #expect(line.wholeMatch(of: /<[0-7]>[a-z].*/) != nil, "\(line)")
            }
            func priority(_ message: String) -> [Substring] {
                lines(log).filter { $0.contains(message) }.map { $0.prefix(3) }
            }
            #expect(priority("referrald ready") == ["<5>"])
            #expect(priority("file loaded") == ["<6>", "<6>", "<6>"])
            #expect(priority("file skipped") == ["<4>"])
            #expect(priority("referrald stopped") == ["<5>"])
        }
    }

    @Test func withoutJournaldNoPriorityPrefix() async throws {
        try await Workspace.with(drop: Daemon.fast) { w in
            try w.run(["migrate"])
            let log = try exercise(w, environment: [:])
            #expect(lines(log).count >= 6)
            for line in lines(log) {
                #expect(!line.hasPrefix("<"), "\(line)")
                #expect(line.first.map { $0.isLetter } == true, "\(line)")
            }
        }
    }

    @Test func aRunOverTheShippedSamplesLogsNoPersonalValue() async throws {
        try await Workspace.with(drop: Daemon.fast) { w in
            try w.run(["migrate"])
            let daemon = try DaemonProcess(workspace: w, environment: ["JOURNAL_STREAM": "8:1234"])
            #expect(daemon.waitForLog("referrald ready"))
            for (sample, partner) in [("standard", "acme"), ("health", "health"), ("police", "police"), ("schools", "schools")] {
                try w.deliver(partner, URL(fileURLWithPath: try w.sample(sample)).lastPathComponent, try w.sampleBytes(sample))
            }
            #expect(Daemon.waitUntil(40) { ["acme", "health", "police", "schools"].allSatisfy { w.files($0, "incoming").isEmpty } })
            #expect(daemon.terminate()?.status == 0)
            let log = daemon.log
            #expect(Daemon.count("file loaded", in: log) == 4, "\(log)")

            let connection = try PostgresConnection(conninfo: w.conninfo)
            defer { connection.close() }
            let needles = Set(try connection.column("""
                SELECT v FROM referrald.referral,
                  LATERAL unnest(ARRAY[forename, surname, nhs_number, upn, la_child_id, postcode,
                                       to_char(date_of_birth, 'YYYY-MM-DD'), to_char(date_of_birth, 'DD/MM/YYYY'),
                                       to_char(date_of_birth, 'DD-Mon-YYYY'), reason]) AS v
                WHERE v IS NOT NULL AND length(v) >= 4
                """))
            #expect(needles.count > 200)
            let leaks = needles.filter { log.contains($0) }
            #expect(leaks.isEmpty, "personal values in the daemon log: \(leaks.count)")
        }
    }
}
