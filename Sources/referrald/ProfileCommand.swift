import ArgumentParser
import DropDirectory
import Foundation
import ReferralCore
import ReferralDaemon
import Workbook

/// `referrald profile draft --partner NAME FILE [--output PATH]` (onboarding.md): a first
/// profile from a sample extract, touching no database and printing no personal value.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Draft a partner profile from a sample extract.",
        subcommands: [Draft.self])

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Write a draft profile for a partner from a sample extract (CSV or .xlsx workbook).")

        /// The largest sample read.
        static let maxSampleSize: Int64 = 256 << 20
        /// The most rows (records, or sheet rows) read from the sample.
        static let maxSampleRows = 1_000_000

        @OptionGroup var options: GlobalOptions

        @Option(help: "The partner's name, written into the profile.")
        var partner: String

        @Option(help: "Write the profile to this file (default: standard output, the summary then on standard error).")
        var output: String?

        @Argument(help: "The sample extract.")
        var file: String

        func run() throws {
            let name = LogSafe.fileName(file)
            let bytes: [UInt8]
            do {
                let opened = try OpenedFile(path: file, maxSize: Self.maxSampleSize)
                var source = opened.byteSource()
                bytes = try Self.readAll(&source)
            } catch {
                Console.error("\(name): cannot read: \(error)")
                throw ExitStatus.dataUnreadable.code
            }
            let sniffer = ExtractSniffer(bytes)
            let rows: [[String]]
            let reading: ProfileDraft.Reading
            if sniffer.format == .xlsx {
                (rows, reading) = try Self.workbookRows(bytes, name: name)
            } else {
                (rows, reading) = (sniffer.rows(bytes, limit: Self.maxSampleRows), ProfileDraft.Reading(sniffer))
            }
            let draft: ProfileDraft
            do {
                draft = try ProfileDraft(name: partner, rows: rows)
            } catch {
                Console.error("\(name): no header row: none of the first \(ProfileDraft.headerSearchRows) rows names two standard fields")
                throw ExitStatus.fileRefused.code
            }
            let yaml = draft.yaml(reading: reading, source: name)
            let summary = draft.summary(reading: reading)
            if let output {
                do {
                    try yaml.write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    Console.error("\(LogSafe.fileName(output)): cannot write the profile")
                    throw ExitStatus.cantCreate.code
                }
                print(summary, terminator: "")
                print("profile written to \(LogSafe.fileName(output))")
            } else {
                print(yaml, terminator: "")
                Console.error(summary)
            }
        }

        /// The first visible sheet's rows through the workbook reader; a workbook it refuses
        /// (encrypted, `.xls`, `.xlsb`, `.ods`, broken, no visible sheet) is unreadable: 65.
        static func workbookRows(_ bytes: [UInt8], name: String) throws -> ([[String]], ProfileDraft.Reading) {
            do {
                let workbook = try Workbook(input: MemoryInput(bytes), maxTotal: RowSources.defaultMaxInflated)
                let sample = try SheetSample(workbook, limit: maxSampleRows)
                return (sample.rows, .workbook(sheet: sample.position == 1 ? nil : sample.sheet.name))
            } catch let error as WorkbookError {
                Console.error("\(name): cannot read the workbook: \(error)")
                throw ExitStatus.dataUnreadable.code
            }
        }

        static func readAll(_ source: inout some ByteSource) throws -> [UInt8] {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { return bytes }
                bytes += chunk[..<n]
            }
        }
    }
}
