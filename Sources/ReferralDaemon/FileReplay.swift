import DropDirectory
import Foundation
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
        /// Its name in `processed/YYYY-MM/`, or nil when it stays in `rejected/`.
        public var processedAs: String?
    }

    public let partner: Configuration.Partner
    public let layout: DropLayout
    public let database: ReferralDatabase
    public let maxFileSize: Int64
    public let owner: String

    public init(partner: Configuration.Partner, layout: DropLayout, database: ReferralDatabase, maxFileSize: Int64, owner: String) {
        self.partner = partner
        self.layout = layout
        self.database = database
        self.maxFileSize = maxFileSize
        self.owner = owner
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

    /// Replays `rejected/<name>` (from `locate`). Throws `Refusal.busy`, `FileIngestor.Failure`
    /// (unreadable), `PostgresError`, or a file-system error from the move.
    public func replay(name: String, arrivalDate: CivilDate) throws -> Outcome {
        let path = layout.rejected + "/" + name
        let ingestor = FileIngestor(database: database, maxFileSize: maxFileSize)
        let claims = FileClaims(connection: database.connection, owner: owner)
        let prepared = try ingestor.prepare(path: path, partner: partner.name)
        let sha = prepared.receipt.sha256
        var summary: FileSummary
        switch try claims.claim(partner: partner.name, sha256: sha, fileName: name, isCurrent: { prepared.file.isStill(at: path) }) {
        case .heldByOther:
            throw Refusal.busy("\(LogSafe.fileName(name)): another referrald instance is loading these bytes now; try again later")
        case .alreadyCommitted(let fileId):
            // An earlier replay committed, then stopped before the move: finish that one.
            guard let committed = try ReferralLoader(connection: database.connection).summary(fileId: fileId) else {
                throw FileIngestor.Failure.unreadable("ledger row \(fileId) not found")
            }
            summary = committed
        case .claimed:
            summary = try ingestor.load(prepared, partner: partner, arrivalDate: arrivalDate, claims: claims)
        }
        summary.fileName = name

        var processedAs: String?
        if summary.status == .refused {
            if let refusal = summary.refusal {
                try PartnerReportFile.writeRefusal(refusal, name: name, directory: layout.rejected)
            }
        } else {
            let month = String(arrivalDate.description.prefix(7))
            processedAs = try Archiver.move(name: name, from: layout.rejected, to: layout.processed(month: month))
            unlink(layout.rejected + "/" + name + ".report.txt")  // the refusal it explained is over
        }
        try claims.markArchived(partner: partner.name, sha256: sha)
        if summary.warnings > 0 || summary.rowsRejected > 0 || summary.status == .refused {
            try layout.create()
            try PartnerReportFile.write(fileId: summary.fileId, name: name, directory: layout.reports, connection: database.connection)
        }
        return Outcome(summary: summary, processedAs: processedAs)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
