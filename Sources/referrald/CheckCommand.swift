import ArgumentParser
import DropDirectory
import Foundation
import ReferralConfig
import ReferralCore
import ReferralDaemon

/// `referrald check --partner NAME FILE`: validate a file with the partner's profile, no database.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a file with a partner's profile, touching no database.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: GlobalOptions

    @Option(help: "The partner whose profile applies.")
    var partner: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Also write the partner report CSV to this directory.")
    var report: String?

    @Argument(help: "The extract to check.")
    var file: String

    func run() throws {
        let config = try options.loadConfiguration()
        let partner = try options.partner(named: partner, in: config)
        let check: ExtractCheck
        do {
            let opened = try OpenedFile(path: file, maxSize: config.drop.maxFileSize)
            do {
                let arrival = LocalCalendar(identifier: config.timezone).date()
                if try RowSources.readsAsCSV(opened, profile: partner.profile) {
                    // A large CSV is read in stretches on up to two cores; the result is one pass's.
                    let cores = min(2, ProcessInfo.processInfo.activeProcessorCount)
                    check = try ExtractCheck.run(csv: opened, profile: partner.profile, arrivalDate: arrival, segments: cores)
                } else {
                    let open = { try RowSources.open(opened, profile: partner.profile, maxInflated: config.drop.maxFileSize) }
                    check = try ExtractCheck.run(rows: try open(), again: open, profile: partner.profile, arrivalDate: arrival)
                }
            } catch let refusal as FileRefusal {
                check = ExtractCheck(refusal: refusal)
            }
        } catch {
            Console.error("\(LogSafe.fileName(file)): cannot read: \(error)")
            throw ExitStatus.dataUnreadable.code
        }
        let name = LogSafe.fileName(file)
        switch format {
        case .json: print(CheckReport.json(check, file: name, partner: partner.name))
        case .text: print(CheckReport.text(check, file: name, partner: partner.name), terminator: "")
        }
        if let report {
            var csv = PartnerReport.header
            for issue in check.issues { csv += PartnerReport.line(issue, partnerRef: check.partnerRefs[issue.row]) }
            try csv.write(toFile: report + "/" + name + ".report.csv", atomically: true, encoding: .utf8)
        }
        if check.refusal != nil { throw ExitStatus.fileRefused.code }
        if check.rejected > 0 { throw ExitStatus.rowsRefused.code }
    }
}
