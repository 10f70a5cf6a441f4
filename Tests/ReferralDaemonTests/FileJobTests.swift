import Foundation
import Intake
import PostgresLibPQ
@testable import ReferralConfig
import ReferralCore
@testable import ReferralDaemon
import ReferralStore
import Testing
import TestSupport

/// A format in a few lines: fixed-width text, one row a line, fields cut at fixed columns.
struct FixedWidthRows: RowSource {
    let widths: [Int]
    let lines: [ArraySlice<UInt8>]
    var index = -1

    init(_ bytes: any RandomAccessBytes, widths: [Int]) throws {
        var all = [UInt8](repeating: 0, count: Int(bytes.size))
        _ = try all.withUnsafeMutableBytes { try bytes.read(into: $0, at: 0) }
        self.widths = widths
        self.lines = all.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
    }

    mutating func advance() throws -> Bool { index += 1; return index < lines.count }
    var position: Int { index + 1 }
    var isBlank: Bool { lines[index].isEmpty }
    var malformation: RowMalformation? {
        lines[index].count == widths.reduce(0, +) ? nil : RowMalformation(field: nil, message: "the line is not \(widths.reduce(0, +)) characters long")
    }
    var fieldCount: Int { widths.count }
    func text(at i: Int) -> FieldText {
        let start = lines[index].startIndex + widths[..<i].reduce(0, +)
        let text = String(decoding: lines[index][start..<start + widths[i]], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? .empty : .text(text)
    }
    var locatesFields: Bool { true }
    func location(ofField i: Int) -> String? { "line \(position) column \(widths[..<i].reduce(1, +))" }
    var rawContent: [UInt8] { Array(lines[index]) }
}

/// An intake in a few lines: items in a list in memory; archiving takes them off the list.
final class ListIntake: Intake {
    let partner: String
    let directory: String
    var waiting: [(name: String, bytes: [UInt8])]
    var archived: [String: ItemOutcome] = [:]
    var settled: [String] = []

    init(partner: String, directory: String, items: [(String, [UInt8])]) {
        self.partner = partner
        self.directory = directory
        self.waiting = items.map { (name: $0.0, bytes: $0.1) }
    }

    var archives: Bool { true }
    func list() -> IntakeListing {
        IntakeListing(items: waiting.map { IntakeItem(id: $0.name, name: $0.name, observation: FileObservation(size: Int64($0.bytes.count), modified: 0), externalID: "msg-" + $0.name) })
    }
    func open(_ item: IntakeItem) throws(IntakeError) -> OpenedItem {
        guard let bytes = waiting.first(where: { $0.name == item.id })?.bytes else { throw .unreadable("gone") }
        do { return try OpenedItem(item: item, bytes: MemoryBytes(bytes)) } catch { throw .unreadable("\(error)") }
    }
    func isCurrent(_ opened: OpenedItem) -> Bool { isPresent(opened.item) }
    func isPresent(_ item: IntakeItem) -> Bool { waiting.contains { $0.name == item.id } }
    func archive(_ item: IntakeItem, outcome: ItemOutcome, month: String, beside: (ArchivedItem) throws -> Void) throws -> ArchivedItem? {
        let kept = ArchivedItem(name: item.name, directory: directory, place: outcome == .loaded ? "processed" : "rejected")
        try beside(kept)
        waiting.removeAll { $0.name == item.id }
        archived[item.id] = outcome
        return kept
    }
    func settle(_ item: IntakeItem, outcome: ItemOutcome) throws { settled.append(item.id) }
    func reportDirectory() throws -> String? { directory }
}

@Suite("FileJob: a toy format and a toy intake through the real job into PostgreSQL", .enabled(if: TestDatabase.isAvailable))
struct FileJobTests {
    static let widths = [12, 14, 12, 10]
    static let today = CivilDate(year: 2013, month: 6, day: 1)!

    static func fixedWidth(_ lines: [String]) -> [UInt8] { Array(lines.map { $0 + "\n" }.joined().utf8) }

    @Test func toyRowsFromAToyIntakeLoadOnceWithLocatedIssues() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("filejob-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = Self.fixedWidth([
            "partner_ref referral_date la_child_id forename  ",
            "R1          2013-05-01    LA1         Jo        ",
            "R2          2013-05-32    LA2         Ann       ",
            "R3          2013-05-02    LA3",
            "R4          2013-05-03    LA4         Sam       ",
        ])
        let bad = Self.fixedWidth(["surname     dob           other       more      "])
        try await TestDatabase.withFreshDatabase { conninfo in
            let admin = try PostgresConnection(conninfo: conninfo)
            try Migrator(schema: "referrald").migrate(admin)
            admin.close()
            let database = try ReferralDatabase(conninfo: conninfo, schema: "referrald")
            defer { database.connection.close() }
            let intake = ListIntake(partner: "acme", directory: directory, items: [("may.txt", good), ("bad.txt", bad), ("again.txt", good)])
            let partner = Configuration.Partner(name: "acme", profileReference: "standard", profile: .standard)
            var job = FileJob(intake: intake, partner: partner, database: database, owner: "test", alerts: nil)
            job.rows = { bytes, _ in try FixedWidthRows(bytes, widths: Self.widths) }

            var results: [FileJob.Result] = []
            for item in intake.list().items { results.append(try job.run(item, today: Self.today)) }

            guard case .done(let loaded, let kept) = results[0] else { Issue.record("first item not done: \(results[0])"); return }
            #expect(loaded.status == .loaded)
            #expect((loaded.rowsLoaded, loaded.rowsRejected, loaded.rowsTotal) == (2, 2, 4))
            #expect(kept?.place == "processed")
            guard case .done(let refused, _) = results[1] else { Issue.record("second item not done"); return }
            #expect(refused.status == .refused)
            #expect(refused.refusal?.rule == "file.missing_columns")
            #expect(FileManager.default.fileExists(atPath: directory + "/bad.txt.report.txt"))
            guard case .done(let again, _) = results[2] else { Issue.record("third item not done"); return }
            #expect(again.status == .duplicate)
            #expect(intake.waiting.isEmpty)
            #expect(intake.archived == ["may.txt": .loaded, "bad.txt": .refused, "again.txt": .loaded])
            #expect(intake.settled == ["may.txt", "bad.txt", "again.txt"])

            let c = database.connection
            #expect(try c.query("SELECT count(*) FROM referral WHERE partner = 'acme'")[0, 0] == "2")
            let issues = try c.query("SELECT row_number, field, rule, message FROM row_issue WHERE file_id = $1 AND severity = 'error' ORDER BY row_number", [String(loaded.fileId)])
            #expect(issues.rowCount == 2)
            #expect(issues[0, 0] == "2")
            #expect(issues[0, 1] == "referral_date")
            #expect(issues[0, 3]?.hasSuffix("(line 3 column 13)") == true)
            #expect(issues[1, 2] == "row.malformed")
            let raw = try c.query("SELECT convert_from(raw, 'UTF8') FROM rejected_row WHERE file_id = $1 AND row_number = 3", [String(loaded.fileId)])
            #expect(raw[0, 0] == "R3          2013-05-02    LA3")
            #expect(try c.query("SELECT count(*) FROM file_claim WHERE state <> 'archived'")[0, 0] == "0")
            #expect(FileManager.default.fileExists(atPath: directory + "/may.txt.report.csv"))
        }
    }
}
