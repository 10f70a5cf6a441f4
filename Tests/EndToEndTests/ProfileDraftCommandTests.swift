import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `referrald profile draft` as a partner's analyst runs it: on exports no test was written for,
/// the draft loads once a person fills in only its `values:` entries.
@Suite struct ProfileDraftCommandTests {
    static let noDatabase = "host=/nonexistent dbname=x"
    static let forenames = ["Siân", "Zoë", "Eoin", "Ada", "Kwame", "Ines", "Tomasz", "Nia"]
    static let surnames = ["Ó Briain", "Kowalski", "Adeyemi", "Hughes", "Okafor", "Patel", "Nowak", "Evans"]

    /// A case-management export: one banner line, `;`, Windows-1252, `dd.MM.yyyy`, private codes.
    static func semicolonExport() -> [UInt8] {
        var text = "Children's Services case export (run 03.06.2013)\r\n"
        text += "Case Ref;Date Received;Forename;Surname;D.O.B.;Gender;Ethnic Origin;Source of Referral;Category of Need;Summary\r\n"
        let sources = ["ACOM", "SLIH", "Police", "GP surgery"]
        let ethnicities = ["White British", "ZZQ", "Kosovan", "Black African"]
        for i in 0..<24 {
            let day = String(format: "%02d", i + 1)
            text += "C-\(1000 + i);\(day).05.2013;\(forenames[i % 8]);\(surnames[(i + 3) % 8]);\(day).0\(i % 9 + 1).2009;"
            text += "\(i % 2 == 0 ? "Boy" : "Girl");\(ethnicities[i % 4]);\(sources[i % 4]);N\(i % 9 + 1);\"Concern; noted\"\r\n"
        }
        return Array(text.data(using: .windowsCP1252)!)
    }

    /// A trust export: tabs, UTF-8, US dates (`MM/dd/yyyy`, decided by days over 12), one name column.
    static func tabExport() -> [UInt8] {
        var text = "Incident ID\tDate Referred\tChild Name\tNHS No\tDOB\tEDD\tSex\tReferrer\tReason\n"
        let referrers = ["Health Visitor", "School", "Neighbour", "Bus Driver"]
        for i in 0..<20 {
            text += "T\(i)\t05/\(String(format: "%02d", i + 10))/2013\t\(forenames[i % 8]) \(surnames[i % 8])\t\t"
            text += i % 5 == 0 ? "\t09/\(String(format: "%02d", i + 1))/2013\t" : "01/\(String(format: "%02d", i % 15 + 13))/2012\t\t"
            text += "\(i % 2 == 0 ? "F" : "M")\t\(referrers[i % 4])\tConcern raised\n"
        }
        return Array(text.utf8)
    }

    /// What a person does with the draft: the commented `values:` block replaces `values: {}`,
    /// each `"?"` given its code. Nothing else changes.
    static func fillValues(_ yaml: String, _ codes: [String: String]) -> String {
        var out: [String] = []
        var afterValues = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "values: {}" { afterValues = true; continue }
            guard afterValues, line.hasPrefix("#") else { out.append(line); continue }
            guard line.hasPrefix("#values:") || line.hasPrefix("#  ") else { continue }
            var filled = String(line.dropFirst())
            for (value, code) in codes where filled.contains("\"\(value)\": \"?\"") {
                filled = filled.replacingOccurrences(of: "\"\(value)\": \"?\"", with: "\"\(value)\": \"\(code)\"")
            }
            out.append(filled)
        }
        return out.joined(separator: "\n")
    }

    /// Drafts a profile from `bytes`, fills in its values, and runs `config check` and `check`
    /// with it; returns `check`'s run and the filled-in profile.
    static func draftThenFill(_ bytes: [UInt8], name: String, codes: [String: String],
                              expect: (String, String) -> Void) throws -> (check: Workspace.Run, profile: String) {
        var check = Workspace.Run(status: -1, stdout: "", stderr: "")
        var filled = ""
        try Workspace.with(conninfo: noDatabase, partners: "  newpartner: { profile: PROFILE }") { w in
            let sample = try w.file(name, bytes)
            let draftPath = w.directory.appendingPathComponent("newpartner.yaml").path
            let draft = try w.run(["profile", "draft", "--partner", "newpartner", sample, "--output", draftPath])
            #expect(draft.status == 0, "\(draft.output)")
            let yaml = try String(contentsOfFile: draftPath, encoding: .utf8)
            for text in [yaml, draft.output] {
                for person in forenames + surnames { #expect(!text.contains(person), "a name in the draft's output") }
            }
            expect(yaml, draft.stdout)
            filled = fillValues(yaml, codes)
            try filled.write(toFile: draftPath, atomically: true, encoding: .utf8)
            let config = try String(contentsOfFile: w.configPath, encoding: .utf8).replacingOccurrences(of: "PROFILE", with: draftPath)
            try config.write(toFile: w.configPath, atomically: true, encoding: .utf8)
            #expect(try w.run(["config", "check"]).status == 0)
            check = try w.run(["check", "--partner", "newpartner", sample])
        }
        return (check, filled)
    }

    @Test func anUnseenSemicolonExportLoadsOnceItsValuesAreFilledIn() throws {
        let (check, _) = try Self.draftThenFill(Self.semicolonExport(), name: "cases.csv", codes: ["ACOM": "5B", "SLIH": "4", "ZZQ": "NOBT"]) { yaml, summary in
            #expect(yaml.contains("delimiter: \";\""))
            #expect(yaml.contains("encoding: windows-1252"))
            #expect(yaml.contains("header_row: 2"))
            #expect(yaml.contains("date_formats: [dd.MM.yyyy]"))
            #expect(yaml.contains("#    \"ACOM\": \"?\"   # 6 rows"))
            #expect(yaml.contains("#    \"ZZQ\": \"?\"   # 6 rows"))
            #expect(summary.contains("24 data rows"))
        }
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("24 rows: 24 accepted, 0 refused, 0 duplicates"))
        #expect(!check.stdout.contains("referral_source.invalid") && !check.stdout.contains("ethnicity.invalid"))
    }

    @Test func anUnseenTabExportWithUSDatesLoadsOnceItsValuesAreFilledIn() throws {
        let (check, _) = try Self.draftThenFill(Self.tabExport(), name: "trust.tsv", codes: ["Bus Driver": "8"]) { yaml, _ in
            #expect(yaml.contains("delimiter: \"\\t\""))
            #expect(yaml.contains("date_formats: [MM/dd/yyyy]"))
            #expect(yaml.contains("name_order: forename_first"))
            #expect(yaml.contains("expected_date_of_birth: \"EDD\""))
            #expect(yaml.contains("referral_source: \"Referrer\""))
        }
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("20 rows: 20 accepted, 0 refused, 0 duplicates"))
        #expect(!check.stdout.contains("referral_source.invalid"))
    }

    /// A force's new records system as openpyxl writes it (Tests/WorkbookTests/Fixtures/
    /// make-unseen-export.py): a hidden code sheet first, two rows above the header, date cells
    /// and one date typed as text, NHS numbers as number cells, header words no profile uses.
    @Test func anUnseenWorkbookExportLoadsOnceItsValuesAreFilledIn() async throws {
        let fixtures = Workspace.packageRoot.appendingPathComponent("Tests/WorkbookTests/Fixtures")
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("unseen-export.xlsx")))
        let (check, filled) = try Self.draftThenFill(bytes, name: "occurrences.xlsx", codes: ["XEU": "WOTH", "RO": "5A", "NHT": "5A", "UNB": "N9"]) { yaml, summary in
            #expect(yaml.contains("\nformat: xlsx\n"))
            #expect(yaml.contains("\nsheet: \"Occurrences\""))
            #expect(!yaml.contains("delimiter:") && !yaml.contains("encoding:"))
            #expect(yaml.contains("header_row: 3"))
            // Date cells read as yyyy-MM-dd; the one typed as text needs its own format.
            #expect(yaml.contains("date_formats: [yyyy-MM-dd, dd/MM/yyyy]"))
            for (field, header) in [("partner_ref", "Occurrence Number"), ("referral_date", "Date Reported"),
                                    ("forename", "Child's Given Name"), ("surname", "Child's Family Name"),
                                    ("date_of_birth", "Birth Date"), ("nhs_number", "NHS Number"), ("sex", "Gender"),
                                    ("ethnicity", "Ethnic Group"), ("referral_source", "Referred By"),
                                    ("postcode", "Home Post Code"), ("primary_need", "Category of Need"), ("reason", "Narrative")] {
                #expect(yaml.contains("  \(field): \"\(header)\"\n"), "\(field)")
            }
            #expect(yaml.contains("#   ?: \"Officer Collar\""))
            #expect(yaml.contains("#    \"XEU\": \"?\"   # 8 rows"))
            #expect(yaml.contains("#    \"UNB\": \"?\"   # 7 rows"))
            #expect(summary.contains("30 data rows") && summary.contains("read every date"))
            for personal in ["LS1 4AP", "HX1 1UJ", "999000", "2004-", "Notice submitted"] {
                #expect(!yaml.contains(personal) && !summary.contains(personal), "a personal value in the draft's output")
            }
        }
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("30 rows: 30 accepted, 0 refused, 0 duplicates"))
        #expect(!check.stdout.contains(".invalid"), "\(check.stdout)")
        // And `ingest` loads every row.
        let profile = NSTemporaryDirectory() + "/referrald-drafted-\(UUID().uuidString).yaml"
        try filled.write(toFile: profile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: profile) }
        try await Workspace.with(partners: "  newpartner: { profile: \(profile) }") { w in
            #expect(try w.run(["migrate"]).status == 0)
            let loaded = try w.run(["ingest", "--partner", "newpartner", try w.file("occurrences.xlsx", bytes)])
            #expect(loaded.status == 0, "\(loaded.output)")
            #expect(loaded.stdout.contains("loaded rows=30 loaded=30 rejected=0 duplicate=0"), "\(loaded.stdout)")
            let db = try PostgresConnection(conninfo: w.conninfo)
            let coded = try db.query("SELECT count(*) FROM referrald.referral WHERE ethnicity = 'WOTH' AND referral_date = '2013-05-02'")
            #expect(coded[0, 0] == "2", "a private code and a date cell loaded as filled in")
        }
    }

    @Test func exitStatusesAndCheckSuggestions() throws {
        try Workspace.with(conninfo: Self.noDatabase) { w in
            // No header row: 2. Unreadable or a workbook this build cannot read: 65.
            let prose = try w.file("notes.csv", Array("just some words\nand more words\n".utf8))
            #expect(try w.run(["profile", "draft", "--partner", "x", prose]).status == 2)
            #expect(try w.run(["profile", "draft", "--partner", "x", w.directory.path + "/missing.csv"]).status == 65)
            // A workbook the reader refuses (broken, encrypted, legacy .xls): 65, saying why.
            let workbook = try w.file("book.xlsx", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 64))
            #expect(try w.run(["profile", "draft", "--partner", "x", workbook]).status == 65)
            let fixtures = Workspace.packageRoot.appendingPathComponent("Tests/WorkbookTests/Fixtures")
            for (name, rule) in [("encrypted.xlsx", "file.encrypted"), ("legacy.xls", "file.unsupported_format")] {
                let refused = try w.run(["profile", "draft", "--partner", "x", fixtures.appendingPathComponent(name).path])
                #expect(refused.status == 65 && refused.stderr.contains(rule), "\(name): \(refused.output)")
            }
            // A workbook whose first visible sheet names no two standard fields: 2, as a CSV.
            let lookups = try w.run(["profile", "draft", "--partner", "x", fixtures.appendingPathComponent("openpyxl-1904.xlsx").path])
            #expect(lookups.status == 2, "\(lookups.output)")
            // Without --output the profile goes to stdout, the summary to stderr.
            let police = try w.run(["profile", "draft", "--partner", "police", try w.sample("police")])
            #expect(police.status == 0)
            #expect(police.stdout.contains("header_row: 3") && police.stdout.contains("#   ?: \"Notice Type\""))
            #expect(police.stderr.contains("left to a person: 2 unused column(s)"))
            // check lists what to add, in text and JSON.
            let health = try w.run(["check", "--partner", "acme", try w.sample("standard"), "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(health.stdout.utf8)) as! [String: Any]
            #expect(object["unrecognised_values"] as? [[String: Any]] != nil)
        }
    }
}
