import DropDirectory
import Foundation
import Intake
import ReferralConfig
import ReferralCore
import ReferralStore

/// `referrald replay`: one file of a partner's `rejected/` through the daemon's pipeline again
/// (after its profile was fixed): claimed, loaded under the partner's lock with a new ledger row,
/// then moved to `processed/` (loaded or duplicate) or left in `rejected/` with a fresh report.
public struct FileReplay {
    /// Why a file cannot be replayed at all; nothing was recorded.
    public enum Refusal: Error, CustomStringConvertible {
        /// Not a regular file directly in the partner's `rejected/` (exit 64).
        case notInRejected(String)
        /// No such file in `rejected/` (any more) (exit 65).
        case missing(String)
        /// Another instance is loading these very bytes now (exit 65).
        case busy(String)

        public var description: String {
            switch self {
            case .notInRejected(let why), .missing(let why), .busy(let why): why
            }
        }
    }

    /// What became of the file.
    public struct Outcome {
        public var summary: FileSummary
        /// Where it is kept now: `processed/YYYY-MM/` when it loaded, else `rejected/`.
        public var archived: ArchivedItem?
        /// Its name in `processed/YYYY-MM/`, or nil when it stays in `rejected/`.
        public var processedAs: String? { archived?.place == "processed" ? archived?.name : nil }
    }

    public let partner: Configuration.Partner
    public let layout: DropLayout
    public let database: ReferralDatabase
    public let maxFileSize: Int64
    public let owner: String
    public let alerts: AlertRunner?

    public init(partner: Configuration.Partner, layout: DropLayout, database: ReferralDatabase, maxFileSize: Int64, owner: String,
                alerts: AlertRunner? = nil) {
        self.partner = partner
        self.layout = layout
        self.database = database
        self.maxFileSize = maxFileSize
        self.owner = owner
        self.alerts = alerts
    }

    /// The name of `path` in the partner's `rejected/`: its directory, with every link resolved,
    /// must be that directory, and the file itself a regular file (never a link).
    public static func locate(_ path: String, in layout: DropLayout) throws(Refusal) -> String {
        let shown = LogSafe.fileName(path)
        let name = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        guard !name.isEmpty, name != ".", name != "..", !name.hasPrefix("."), !name.hasSuffix(".report.txt") else {
            throw .notInRejected("\(shown): not an extract in \(layout.partner)'s rejected/ directory")
        }
        guard let rejected = realPath(layout.rejected), let actual = realPath(directory.isEmpty ? "/" : directory),
              actual == rejected else {
            throw .notInRejected("\(shown): only a file in \(layout.rejected)/ can be replayed for partner \(layout.partner)")
        }
        var info = stat()
        guard lstat(rejected + "/" + name, &info) == 0 else {
            throw .missing("\(shown): no such file in \(layout.rejected)/ (already replayed?)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .notInRejected("\(shown): not a regular file (links are never followed)")
        }
        return name
    }

    /// Replays `rejected/<name>` (from `locate`) through the `FileJob`. Throws `Refusal.busy`,
    /// `IntakeError` (unreadable), `PostgresError`, or a file-system error from the move.
    public func replay(name: String, arrivalDate: CivilDate) throws -> Outcome {
        let intake = DropIntake(layout: layout, maxFileSize: maxFileSize, source: .rejected)
        var job = FileJob(intake: intake, partner: partner, database: database, owner: owner, alerts: alerts)
        job.rows = RowSources.chooser(maxInflated: maxFileSize)
        switch try job.run(intake.item(named: name), today: arrivalDate) {
        case .done(let summary, let archived):
            return Outcome(summary: summary, archived: archived)
        case .heldByOther, .notFinished, .committedEarlier:
            throw Refusal.busy("\(LogSafe.fileName(name)): another referrald instance is loading these bytes now; try again later")
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
