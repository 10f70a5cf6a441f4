import Testing
@testable import ReferralCore

@Suite("Scanner: bytes PostgreSQL cannot store, blank lines")
struct ExtractScannerBlankAndNULTests {
    static let header = "partner_ref,referral_date,la_child_id,forename\n"

    func rows(_ text: [UInt8]) throws -> [ScannedRow] {
        var scanner = ExtractScanner(source: MemoryByteSource(text), profile: .standard, arrivalDate: CivilDate(year: 2013, month: 6, day: 1)!)
        try scanner.readHeader()
        var out: [ScannedRow] = []
        while let row = try scanner.next() { out.append(row) }
        return out
    }

    @Test func nulInsideAFieldIsMalformedNotLoaded() throws {
        let rows = try rows(Array(Self.header.utf8) + Array("R1,2013-05-01,LA1,Jo".utf8) + [0] + Array("e\nR2,2013-05-01,LA2,Ann\n".utf8))
        #expect(rows.count == 2)
        #expect(rows[0].outcome.issues.map(\.rule) == ["row.malformed"])
        #expect(rows[0].outcome.issues.first?.field == "forename")
        guard case .accepted = rows[1].outcome else { Issue.record("second row refused"); return }
    }

    /// A NUL found where eight bytes are tested at once, in the tail, and in a non-ASCII field.
    @Test func nulAnywhereInALongOrNonASCIIFieldIsMalformed() throws {
        let fields: [[UInt8]] = [
            Array("Jonathan".utf8) + [0] + Array("Maximilian".utf8),
            [0] + Array("Abcdefghijk".utf8),
            Array("Zoë-Annabel".utf8) + [0],
        ]
        for field in fields {
            let rows = try rows(Array(Self.header.utf8) + Array("R1,2013-05-01,LA1,".utf8) + field + Array("\nR2,2013-05-01,LA2,Abcdefghijklmnop\n".utf8))
            #expect(rows.map { $0.outcome.issues.map(\.rule) } == [["row.malformed"], []])
            #expect(rows[0].outcome.issues.first?.field == "forename")
        }
    }

    @Test func blankLinesAreSkippedButKeepTheirRowNumber() throws {
        let rows = try rows(Array((Self.header + "R1,2013-05-01,LA1,Jo\n\nR2,2013-05-01,LA2,Ann\n\n\n").utf8))
        #expect(rows.map(\.row) == [1, 3])
        #expect(rows.allSatisfy { if case .accepted = $0.outcome { true } else { false } })
    }

    @Test func aLineOfOnlyDelimitersIsStillARow() throws {
        let rows = try rows(Array((Self.header + ",,,\n").utf8))
        #expect(rows.count == 1)
        #expect(rows[0].outcome.issues.map(\.rule).contains("referral_date.missing"))
    }
}
