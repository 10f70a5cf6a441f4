import Foundation
@testable import ReferralConfig
import ReferralCore
import Testing
import Workbook

/// onboarding.md "Done looks like": on each shipped sample the draft gives the shipped profile's
/// layout, reads every date as it does, maps every column whose header names its field, and with
/// the remaining column mappings added by hand `check` accepts the same rows.
@Suite struct ShippedSampleDraftTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = ["health": "samples/health/safeguarding-export-20130531.csv",
                          "police": "samples/police/ppn-export-2013-05.csv",
                          "schools": "samples/schools/safeguarding-log-may-2013.csv",
                          "standard": "samples/standard/referrals-2013-05.csv"]
    /// The day the samples arrived (their newest referral date is in late May 2013).
    static let arrival = CivilDate(year: 2013, month: 6, day: 1)!

    struct Drafted {
        var bytes: [UInt8]
        var draft: ProfileDraft
        var profile: PartnerProfile
        var shipped: PartnerProfile
    }

    static func drafted(_ partner: String) throws -> Drafted {
        let bytes = Array(try Data(contentsOf: root.appendingPathComponent(samples[partner]!)))
        let sniffer = ExtractSniffer(bytes)
        let draft = try ProfileDraft(name: partner, rows: sniffer.rows(bytes))
        let yaml = draft.yaml(reading: .init(sniffer), source: partner + ".csv")
        let profile = try ProfileDecoder.decode(yaml, file: "draft")
        let shipped = try ProfileLocator.read(root.appendingPathComponent("config/partners/\(partner).yaml").path)
        return Drafted(bytes: bytes, draft: draft, profile: profile, shipped: shipped)
    }

    @Test(arguments: ["health", "police", "schools", "standard"])
    func draftGivesTheShippedLayout(partner: String) throws {
        let d = try Self.drafted(partner)
        #expect(d.profile.format == .csv && d.shipped.format != .xlsx, "a CSV sample drafts to format: csv")
        #expect(d.profile.delimiter == d.shipped.delimiter)
        #expect(d.profile.encoding == d.shipped.encoding)
        #expect(d.profile.headerRow == d.shipped.headerRow)
        #expect(d.profile.nameOrder == d.shipped.nameOrder)
        for (field, header) in d.profile.columns {
            // The standard profile maps nothing: its header is the field names themselves.
            #expect(header == (d.shipped.columns[field] ?? field.rawValue), "\(partner): \(field.rawValue) → \(header)")
        }
    }

    @Test(arguments: ["health", "police", "schools", "standard"])
    func draftReadsEveryDateAsTheShippedProfile(partner: String) throws {
        let d = try Self.drafted(partner)
        let rows = ExtractSniffer(d.bytes).rows(d.bytes)
        let header = rows[d.shipped.headerRow - 1]
        var compared = 0
        for field in [StandardField.referralDate, .dateOfBirth, .expectedDateOfBirth] {
            guard let column = header.firstIndex(of: d.shipped.columns[field] ?? field.rawValue) else { continue }
            for row in rows[d.shipped.headerRow...] where column < row.count && !row[column].isEmpty {
                let shipped = d.shipped.dateFormats.lazy.compactMap { $0.parse(row[column]) }.first
                let drafted = d.profile.dateFormats.lazy.compactMap { $0.parse(row[column]) }.first
                #expect(drafted == shipped, "\(partner) \(field.rawValue): a date read differently")
                compared += 1
            }
        }
        #expect(compared >= 50)
    }

    @Test(arguments: ["health", "police", "schools", "standard"])
    func withTheRemainingMappingsCheckAcceptsTheSameRows(partner: String) throws {
        let d = try Self.drafted(partner)
        var profile = d.profile
        // By hand: the columns no header word names (`Notice Type`, `Concern Category`, `Concern`).
        let unmapped = d.shipped.columns.filter { profile.columns[$0.key] == nil }
        for (field, header) in unmapped {
            #expect(d.draft.unused.contains(header), "\(partner): \(header) is listed as unused")
            profile.columns[field] = header
        }
        #expect(unmapped.count <= 2)
        let withDraft = try ExtractCheck.run(source: MemoryByteSource(d.bytes), profile: profile, arrivalDate: Self.arrival)
        let withShipped = try ExtractCheck.run(source: MemoryByteSource(d.bytes), profile: d.shipped, arrivalDate: Self.arrival)
        #expect(withDraft.refusal == nil)
        #expect(withDraft.rows == withShipped.rows)
        #expect(withDraft.rows >= 50)
        let counts: [Int] = [withDraft.accepted, withDraft.rejected, withDraft.duplicates]
        let shippedCounts: [Int] = [withShipped.accepted, withShipped.rejected, withShipped.duplicates]
        #expect(counts == shippedCounts)
    }

    /// The schools log as its .xlsx (a hidden `Lookups` sheet first, dates as date cells) drafts
    /// to the schools profile's layout and mappings, and reads each date cell as the shipped
    /// profile reads the same row's CSV date.
    @Test func draftOfTheSchoolsWorkbookGivesTheSchoolsMappings() throws {
        let bytes = Array(try Data(contentsOf: Self.root.appendingPathComponent("samples/schools/safeguarding-log-may-2013.xlsx")))
        let sample = try SheetSample(Workbook(input: MemoryInput(bytes), maxTotal: 1 << 30), limit: 10_000)
        #expect(sample.position == 2)
        let draft = try ProfileDraft(name: "schools", rows: sample.rows)
        let yaml = draft.yaml(reading: .workbook(sheet: sample.sheet.name), source: "schools.xlsx")
        let profile = try ProfileDecoder.decode(yaml, file: "draft")
        let csv = try Self.drafted("schools")
        #expect(profile.format == .xlsx)
        #expect(profile.sheet == .name("Safeguarding log"))
        #expect(profile.headerRow == csv.shipped.headerRow)
        #expect(profile.nameOrder == csv.shipped.nameOrder)
        #expect(profile.columns == csv.profile.columns)
        for (field, header) in csv.shipped.columns {
            if let drafted = profile.columns[field] {
                #expect(drafted == header, "\(field.rawValue) → \(drafted)")
            } else {
                #expect(draft.unused == [header], "\(field.rawValue): \(header) is the one unused column")
            }
        }
        let csvRows = ExtractSniffer(csv.bytes).rows(csv.bytes)
        let header = csvRows[0]
        var compared = 0
        for field in [StandardField.referralDate, .dateOfBirth] {
            let column = try #require(header.firstIndex(of: csv.shipped.columns[field]!))
            #expect(sample.rows[0][column] == header[column])
            for (cells, record) in zip(sample.rows.dropFirst(), csvRows.dropFirst()) where !record[column].isEmpty {
                let shipped = csv.shipped.dateFormats.lazy.compactMap { $0.parse(record[column]) }.first
                let drafted = profile.dateFormats.lazy.compactMap { $0.parse(column < cells.count ? cells[column] : "") }.first
                #expect(drafted == shipped, "\(field.rawValue): a date read differently")
                compared += 1
            }
        }
        #expect(compared >= 90)
    }
}
