import Foundation
import Testing
import ReferralCore
@testable import ReferralConfig

@Suite("Partner profile decoding")
struct ProfileDecoderTests {
    let police = """
        name: police
        description: Public protection notices
        delimiter: ","
        encoding: utf-8
        header_row: 3
        date_formats: [dd-MMM-yyyy, dd/MM/yyyy]
        name_order: surname_first
        columns:
          partner_ref: Occurrence Ref
          referral_date: Date Reported
          full_name: Child Name
        values:
          referral_source: { "PPN": "6" }
        defaults:
          referral_source: "6"
        """

    @Test func decodesEveryKey() throws {
        let p = try ProfileDecoder.decode(police)
        #expect(p.name == "police")
        #expect(p.headerRow == 3)
        #expect(p.dateFormats.map(\.pattern) == ["dd-MMM-yyyy", "dd/MM/yyyy"])
        #expect(p.columns[.fullName] == "Child Name")
        #expect(p.values[.referralSource]?["ppn"] == "6")
        #expect(p.defaults[.referralSource] == "6")
    }

    @Test func unknownCodeInValuesNamesKeyAndLine() {
        let yaml = police.replacingOccurrences(of: "{ \"PPN\": \"6\" }", with: "{ \"PPN\": \"66\" }")
        #expect {
            try ProfileDecoder.decode(yaml, file: "police.yaml")
        } throws: { error in
            let e = error as! ConfigError
            return e.path == "values.referral_source.PPN" && e.line == 13 && e.file == "police.yaml"
        }
    }

    @Test func unknownFieldInColumnsIsAnError() {
        let yaml = police.replacingOccurrences(of: "  full_name: Child Name", with: "  child_name: Child Name")
        #expect { try ProfileDecoder.decode(yaml) } throws: { ($0 as! ConfigError).path == "columns.child_name" }
    }

    @Test func badDelimiterAndEncodingAreErrors() {
        #expect(throws: ConfigError.self) { try ProfileDecoder.decode(police.replacingOccurrences(of: "delimiter: \",\"", with: "delimiter: \"::\"")) }
        #expect(throws: ConfigError.self) { try ProfileDecoder.decode(police.replacingOccurrences(of: "encoding: utf-8", with: "encoding: ebcdic")) }
        #expect(throws: ConfigError.self) { try ProfileDecoder.decode(police.replacingOccurrences(of: "dd-MMM-yyyy,", with: "qq-ZZ,")) }
    }

    @Test func formatAndSheetDecode() throws {
        let p = try ProfileDecoder.decode(police + "\nformat: xlsx\nsheet: \"List 3\"\n")
        #expect(p.format == .xlsx)
        #expect(p.sheet == .name("List 3"))
        #expect(try ProfileDecoder.decode(police + "\nformat: AUTO\nsheet: 2\n").sheet == .index(2))
        #expect(try ProfileDecoder.decode(police).format == .csv)
        #expect(try ProfileDecoder.decode(police).sheet == nil)
        #expect { try ProfileDecoder.decode(police + "\nformat: xls\n") } throws: { ($0 as! ConfigError).path == "format" }
        #expect { try ProfileDecoder.decode(police + "\nsheet: 0\n") } throws: { ($0 as! ConfigError).path == "sheet" }
    }

    @Test func shippedProfilesAllDecode() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/partners")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names == ["annexa.yaml", "health.yaml", "police.yaml", "schools.yaml", "standard.yaml"])
        for name in names {
            let profile = try ProfileLocator.read(dir.appendingPathComponent(name).path)
            #expect(profile.name + ".yaml" == name)
        }
    }
}
