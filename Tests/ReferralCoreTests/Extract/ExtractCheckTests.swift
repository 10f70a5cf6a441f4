import Testing
@testable import ReferralCore

@Suite struct ExtractCheckTests {
    static let header = "partner_ref,referral_date,nhs_number\n"

    func rulesByRow(_ check: ExtractCheck) -> [String] {
        check.issues.map { "\($0.row):\($0.rule)" }
    }

    // MARK: - row.duplicate

    @Test func firstAcceptedRowOfAKeyWins() throws {
        let check = try runCheck(Self.header
            + "R1,2024-05-01,9876543210\n"
            + "R2,2024-05-01,9876543210\n"
            + "R1,2024-05-02,4000000632\n"
            + "R1,2024-05-03,4000000632\n")
        #expect(check.rows == 4)
        #expect(check.accepted == 2)
        #expect(check.duplicates == 2)
        #expect(check.rejected == 0)
        #expect(rulesByRow(check) == ["3:row.duplicate", "4:row.duplicate"])
        #expect(check.issues.allSatisfy { $0.severity == .warning && $0.field == "partner_ref" })
        #expect(check.partnerRefs == [3: "R1", 4: "R1"])
        #expect(check.warnings == 2)
        #expect(check.errors == 0)
    }

    @Test func aRefusedFirstRowDoesNotMakeTheLaterOneADuplicate() throws {
        let check = try runCheck(Self.header
            + "R1,2099-01-01,9876543210\n"      // refused: future
            + "R1,2024-05-01,9876543210\n"      // accepted: the first accepted R1
            + "R1,2024-05-01,9876543210\n")     // duplicate
        #expect(check.rows == 3)
        #expect(check.rejected == 1)
        #expect(check.accepted == 1)
        #expect(check.duplicates == 1)
        #expect(rulesByRow(check) == ["1:referral_date.future", "3:row.duplicate"])
        #expect(check.errors == 1)
    }

    @Test func aMalformedRowWithTheSameReferenceIsNotADuplicate() throws {
        let check = try runCheck(Self.header + "R1,2024-05-01,9876543210\nR1,2024-05-01\n")
        #expect(check.accepted == 1)
        #expect(check.rejected == 1)
        #expect(check.duplicates == 0)
        #expect(rulesByRow(check) == ["2:row.malformed"])
    }

    @Test func aDuplicateKeepsItsOwnWarnings() throws {
        let check = try runCheck("partner_ref,referral_date,nhs_number,sex\nR1,2024-05-01,9876543210,M\nR1,2024-05-01,9876543210,X\n")
        #expect(check.duplicates == 1)
        #expect(rulesByRow(check) == ["2:sex.invalid", "2:row.duplicate"])
    }

    @Test func derivedKeysDeduplicateToo() throws {
        let check = try runCheck("referral_date,nhs_number,referral_source\n"
            + "2024-05-01,9876543210,6\n"
            + "01/05/2024,987 654 3210,Police\n"   // same child, date and source
            + "2024-05-01,9876543210,2A\n")        // another source: another referral
        #expect(check.accepted == 2)
        #expect(check.duplicates == 1)
        #expect(rulesByRow(check) == ["2:row.duplicate"])
        #expect(check.partnerRefs[2]?.hasPrefix("~") == true)
    }

    // MARK: - Whole-file outcomes

    @Test func emptyFileIsRefused() throws {
        let check = try ExtractCheck.run(source: MemoryByteSource([]), profile: .standard, arrivalDate: testArrival)
        #expect(check.refusal?.rule == "file.empty")
        #expect(check.issues == [check.refusal!.issue])
        #expect(check.issues.first?.row == 0)
        #expect(check.issues.first?.severity == .error)
        #expect(check.rows == 0)
    }

    @Test func missingColumnsRefuseTheFile() throws {
        let check = try runCheck("partner_ref,nhs_number\nR1,9876543210\n")
        #expect(check.refusal?.rule == "file.missing_columns")
        #expect(check.rows == 0)
        #expect(check.accepted == 0)
    }

    @Test func fileLevelWarningComesFirst() throws {
        let check = try runCheck("partner_ref,referral_date,nhs_number,colour\nR1,2024-05-01,1234567890,red\nR2,2024-05-01,9876543210,blue\n")
        #expect(check.refusal == nil)
        #expect(rulesByRow(check) == ["0:file.unknown_columns", "1:nhs_number.invalid", "1:child.unidentifiable"])
        #expect(check.rows == 2)
        #expect(check.accepted == 1)
        #expect(check.rejected == 1)
        #expect(check.partnerRefs == [1: "R1"])
    }

    @Test func headerOnlyFileHasNoRows() throws {
        let check = try runCheck(Self.header)
        #expect(check.refusal == nil)
        #expect(check.rows == 0)
        #expect(check.issues == [])
    }

    // MARK: - A generated 100,000-row extract

    /// Knuth's MMIX LCG: deterministic across runs and platforms.
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ values: [T]) -> T { values[int(values.count)] }
    }

    static let columns: [StandardField] = [
        .partnerRef, .referralDate, .nhsNumber, .upn, .laChildId, .forename, .surname, .dateOfBirth,
        .expectedDateOfBirth, .sex, .ethnicity, .postcode, .referralSource, .primaryNeed, .reason,
    ]

    /// Fault planted at rows where `row % 1000 == k`, and the rule each one must raise (nil: none).
    static let faults: [Int: String?] = [
        1: "row.malformed",              // a field missing
        2: "row.malformed",              // partner_ref of 65 characters
        3: "partner_ref.missing",
        4: "referral_date.missing",
        5: "referral_date.invalid",
        6: "referral_date.future",
        7: "referral_date.too_old",
        8: "child.unidentifiable",
        9: "date_of_birth.invalid",
        10: "expected_date_of_birth.invalid",
        11: "date_of_birth.after_referral",  // 100 days after
        12: "date_of_birth.adult",           // the 18th birthday
        13: "nhs_number.invalid",
        14: "upn.invalid",
        15: "postcode.invalid",
        16: "sex.invalid",
        17: "ethnicity.invalid",
        18: "referral_source.invalid",
        19: "primary_need.invalid",
        20: "row.duplicate",                 // repeats row - 1's reference
        21: nil,                             // repeats row - 17's reference, a refused row: not a duplicate
        22: "row.malformed",                 // 0xFF in a UTF-8 file
        23: nil,                             // empty sex, ethnicity, source, need: defaults, no warning
        24: nil,                             // reason with a quoted CRLF, comma and quotes: one row
        25: "row.malformed",                 // forename of 101 characters
        26: nil,                             // referral on the arrival day
        27: nil,                             // referral on 2000-01-01
        28: nil,                             // 17 years 364 days old
        29: "date_of_birth.after_referral",  // 280 days after: expected
        30: "date_of_birth.after_referral",  // 281 days after: cleared
        31: "referral_date.too_old",         // 1999-12-31 as dd/MM/yyyy
        32: nil,                             // partner_ref of 64 characters
        33: nil,                             // forename of 100 characters
    ]
    static let errorRules: Set<String> = [
        "row.malformed", "partner_ref.missing", "referral_date.missing", "referral_date.invalid",
        "referral_date.future", "referral_date.too_old", "child.unidentifiable",
    ]

    struct Generated {
        var bytes: [UInt8] = []
        var expected: [String: [Int]] = [:]
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    static func generate(rows count: Int, seed: UInt64) -> Generated {
        var rng = LCG(state: seed)
        var out = Generated()
        out.bytes.reserveCapacity(count * 160)
        out.bytes += Array((columns.map(\.rawValue).joined(separator: ",") + "\r\n").utf8)
        let firstDay = civil("2010-01-01")
        let forenames = ["Jo", "Ann", "Zoë", "Mohammed", "Oliwia", "Jean-Luc"]
        let surnames = ["Smith", "O'Brien", "Nowak", "Khan", "de la Cruz", "Ørsted"]
        let sexes = ["M", "F", "U", "1", "2", "Female", "b) Female"]
        let ethnicities = ["WBRI", "BAFR", "CHNE", "MWBC", "NOBT", "a) WBRI"]
        let sources = ["1A", "2A", "3A", "5D", "6", "q) 6: Police", "10"]
        let postcodes = ["SW1A 1AA", "m1 1ae", "CR2 6XH", "B33 8TH", "ZZ99 3VZ"]

        for row in 1...count {
            let k = row % 1000
            let referral = firstDay.adding(days: rng.int(5000))
            var nhs: String? = nil
            while nhs == nil { nhs = nhsNumber(nineDigits: 100_000_000 + rng.int(899_999_999)) }
            var v: [StandardField: String] = [
                .partnerRef: "P\(row)",
                .referralDate: row % 2 == 0 ? referral.description
                    : "\(String(referral.day).paddedLeft(to: 2))/\(String(referral.month).paddedLeft(to: 2))/\(referral.year)",
                .nhsNumber: row % 3 == 0 ? "\(nhs!.prefix(3)) \(nhs!.dropFirst(3).prefix(3)) \(nhs!.suffix(4))" : nhs!,
                .forename: rng.pick(forenames),
                .surname: rng.pick(surnames),
                .dateOfBirth: referral.adding(days: -rng.int(17 * 365)).description,
                .sex: rng.pick(sexes),
                .ethnicity: rng.pick(ethnicities),
                .postcode: rng.pick(postcodes),
                .referralSource: rng.pick(sources),
                .primaryNeed: "N\(1 + rng.int(9))",
                .reason: "Concern raised \(row)",
            ]
            if row % 5 == 0 { v[.upn] = upn(trailing: String(rng.int(1_000_000_000)).paddedLeft(to: 9) + "001") }
            if row % 7 == 0 { v[.laChildId] = "LA\(row)" }
            var rule: String?? = faults[k]
            switch k {
            case 2: v[.partnerRef] = "L" + String(row).paddedLeft(to: 64)
            case 3: v[.partnerRef] = ""
            case 4: v[.referralDate] = ""
            case 5: v[.referralDate] = "31/02/2013"
            case 6: v[.referralDate] = "2024-06-16"
            case 7: v[.referralDate] = "1999-12-31"
            case 8: for f in [StandardField.nhsNumber, .upn, .laChildId, .dateOfBirth, .expectedDateOfBirth] { v[f] = "" }
            case 9: v[.dateOfBirth] = "2011-02-29"
            case 10: v[.expectedDateOfBirth] = "32/01/2025"
            case 11: v[.dateOfBirth] = referral.adding(days: 100).description
            case 12: v[.dateOfBirth] = referral.adding(months: -216).description
            case 13: v[.nhsNumber] = "1234567890"
            case 14: v[.upn] = "A801200005001"
            case 15: v[.postcode] = "NOT KNOWN"
            case 16: v[.sex] = "X"
            case 17: v[.ethnicity] = "ZZZZ"
            case 18: v[.referralSource] = "carrier pigeon"
            case 19: v[.primaryNeed] = "N12"
            case 20: v[.partnerRef] = "P\(row - 1)"
            case 21: v[.partnerRef] = "P\(row - 17)"
            case 23: for f in [StandardField.sex, .ethnicity, .referralSource, .primaryNeed] { v[f] = "" }
            case 24: v[.reason] = "first line\r\nsecond, \"quoted\" line\nthird"
            case 25: v[.forename] = String(repeating: "a", count: 101)
            case 26:
                v[.referralDate] = "2024-06-15"
                v[.dateOfBirth] = "2015-01-01"
            case 27:
                v[.referralDate] = "2000-01-01"
                v[.dateOfBirth] = "1995-06-01"
            case 28:
                v[.referralDate] = referral.description
                v[.dateOfBirth] = referral.adding(months: -216).adding(days: 1).description
            case 29: v[.dateOfBirth] = referral.adding(days: 280).description
            case 30: v[.dateOfBirth] = referral.adding(days: 281).description
            case 31: v[.referralDate] = "31/12/1999"
            case 32: v[.partnerRef] = "K" + String(row).paddedLeft(to: 63)
            case 33: v[.forename] = String(repeating: "b", count: 100)
            default: break
            }
            var cells = columns.map { quoted(v[$0] ?? "") }
            if k == 1 { cells.removeLast() }
            var line = Array(cells.joined(separator: ",").utf8)
            if k == 22 {
                // The forename is the sixth field: corrupt its first byte.
                var commas = 0
                let at = line.firstIndex { byte in
                    if byte == UInt8(ascii: ",") { commas += 1 }
                    return commas == 5
                }!
                line.insert(0xFF, at: at + 1)
            }
            if row == count {
                // The very last row opens a quote it never closes.
                line += Array(",\"never closed".utf8)
                rule = "row.malformed"
            }
            out.bytes += line
            out.bytes += row % 2 == 0 ? [0x0D, 0x0A] : [0x0A]
            if let rule = rule ?? nil { out.expected[rule, default: []].append(row) }
        }
        return out
    }

    @Test func generatedExtractOf100000Rows() throws {
        let count = 100_000
        let generated = Self.generate(rows: count, seed: 0x5EED_2024)
        let check = try ExtractCheck.run(
            source: MemoryByteSource(generated.bytes, maxChunk: 65536), profile: .standard, arrivalDate: testArrival)

        #expect(check.refusal == nil)
        #expect(check.rows == count)
        #expect(check.accepted + check.rejected + check.duplicates == check.rows)

        let plantedErrorRows = Set(generated.expected.filter { Self.errorRules.contains($0.key) }.flatMap(\.value))
        #expect(check.rejected == plantedErrorRows.count)
        #expect(check.rejected == 100 * 11 + 1)
        #expect(check.duplicates == 100)
        #expect(check.accepted == count - 1101 - 100)

        // Every issue raised is one the generator planted, at exactly the planted rows.
        var actual: [String: [Int]] = [:]
        for issue in check.issues { actual[issue.rule, default: []].append(issue.row) }
        #expect(Set(actual.keys) == Set(generated.expected.keys))
        for (rule, rows) in generated.expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[rule] == rows, "\(rule)")
        }
        #expect(generated.expected["row.malformed"]?.count == 401)
        #expect(generated.expected["date_of_birth.after_referral"]?.count == 300)
        #expect(generated.expected["referral_date.too_old"]?.count == 200)
        #expect(check.errors == 1101)
        #expect(check.warnings == check.issues.count - 1101)

        // Rows are numbered as records: the quoted line breaks of k = 24 do not shift later rows.
        #expect(check.partnerRefs[1030] == "P1030")
        #expect(check.partnerRefs[1025] == nil)
        #expect(check.partnerRefs[99_020] == "P99019")
        #expect(check.partnerRefs[3] == nil)
    }
}
