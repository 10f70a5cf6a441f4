import Testing
@testable import ReferralCore

/// `check` finds in-file duplicates with a key filter and a second look at the rows it flags;
/// a saturated filter (every row flagged) must give exactly what a roomy one gives.
@Suite struct DuplicateLookbackTests {
    static let header = "partner_ref,referral_date,nhs_number,sex\n"

    func check(_ text: String, bits: Int) throws -> ExtractCheck {
        try ExtractCheck.run(source: MemoryByteSource(Array(text.utf8), maxChunk: 7), profile: .standard,
                             arrivalDate: testArrival, options: CSVOptions(), keyFilterBits: bits)
    }

    func summary(_ c: ExtractCheck) -> String {
        "\(c.rows) \(c.accepted) \(c.rejected) \(c.duplicates) "
            + c.issues.map { "\($0.row):\($0.rule)" }.joined(separator: ",")
            + " " + c.partnerRefs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    @Test func aSaturatedFilterGivesTheSameCheckAsARoomyOne() throws {
        let text = Self.header
            + "R1,2099-01-01,9876543210,M\n"     // 1 refused: future
            + "R2,2024-05-01,9876543210,X\n"     // 2 accepted with a warning
            + "R1,2024-05-01,9876543210,M\n"     // 3 the first accepted R1
            + "\n"                               // 4 blank: skipped
            + "R 3,2024-05-01,9876543210,M\n"    // 5 accepted
            + "R1,2024-05-01\n"                  // 6 malformed
            + "\"R  3\",2024-05-01,4000000632,F\n" // 7 the same key as row 5 once collapsed
            + "R2,2024-05-02,4000000632,X\n"     // 8 duplicate with its own warning
            + "R4,2024-05-01,4000000632,F\n"     // 9 accepted
            + "R1,2024-05-03,4000000632,F\n"     // 10 duplicate
        let roomy = try check(text, bits: 1 << 20)
        let saturated = try check(text, bits: 64)
        #expect(summary(roomy) == summary(saturated))
        #expect(saturated.rows == 9)
        #expect(saturated.accepted == 4)
        #expect(saturated.rejected == 2)
        #expect(saturated.duplicates == 3)
        #expect(saturated.issues.map { "\($0.row):\($0.rule)" } == [
            "1:referral_date.future", "2:sex.invalid", "6:row.malformed",
            "7:row.duplicate", "8:sex.invalid", "8:row.duplicate", "10:row.duplicate",
        ])
        #expect(saturated.partnerRefs[9] == nil)
        #expect(saturated.partnerRefs[7] == "R 3")
    }

    @Test func manyDistinctKeysThroughASaturatedFilterAreNotDuplicates() throws {
        var text = Self.header
        for i in 0..<2_000 { text += "K\(i),2024-05-01,9876543210,M\n" }
        for i in stride(from: 0, to: 2_000, by: 100) { text += "K\(i),2024-05-02,9876543210,M\n" }
        let saturated = try check(text, bits: 64)
        #expect(saturated.accepted == 2_000)
        #expect(saturated.duplicates == 20)
        #expect(saturated.issues.count == 20)
        #expect(saturated.issues.allSatisfy { $0.rule == "row.duplicate" && $0.row > 2_000 })
    }

    @Test func derivedKeysGoThroughTheScannerAgain() throws {
        let text = "referral_date,nhs_number,referral_source\n"
            + "2024-05-01,9876543210,6\n"
            + "2024-05-01,4000000632,6\n"
            + "01/05/2024,987 654 3210,Police\n"
            + "2024-05-01,9876543210,2A\n"
        let saturated = try check(text, bits: 64)
        #expect(summary(saturated) == summary(try check(text, bits: 1 << 20)))
        #expect(saturated.accepted == 3)
        #expect(saturated.duplicates == 1)
        #expect(saturated.issues.map { "\($0.row):\($0.rule)" } == ["3:row.duplicate"])
    }
}
