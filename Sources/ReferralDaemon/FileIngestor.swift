import DropDirectory
import Logging
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralStore

/// One file through the whole pipeline: open safely, hash, duplicate check, parse, validate and
/// load in one transaction, or record the file's refusal. Used by `ingest` and the daemon alike.
public struct FileIngestor {
    public enum Failure: Error, CustomStringConvertible {
        /// The file could not be opened or read (exit 65).
        case unreadable(String)
        public var description: String {
            switch self {
            case .unreadable(let why): why
            }
        }
    }

    public let database: ReferralDatabase
    public let maxFileSize: Int64
    public var logger: Logger

    public init(database: ReferralDatabase, maxFileSize: Int64, logger: Logger) {
        self.database = database
        self.maxFileSize = maxFileSize
        self.logger = logger
    }

    /// Ingests the file at `path` as `partner`'s. `arrivalDate` is the day the file arrived in the
    /// configured time zone. Throws `PostgresError` when the database fails (nothing committed).
    public func ingest(path: String, partner: Configuration.Partner, arrivalDate: CivilDate) throws -> (FileReceipt, FileSummary) {
        let file: OpenedFile
        do {
            file = try OpenedFile(path: path, maxSize: maxFileSize)
        } catch {
            throw Failure.unreadable("\(LogSafe.fileName(path)): \(error)")
        }
        let sha: String
        do {
            sha = try FileDigest.sha256(of: file)
        } catch {
            throw Failure.unreadable("\(LogSafe.fileName(path)): cannot read: \(error)")
        }
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let receipt = FileReceipt(partner: partner.name, fileName: name, bytes: file.size, sha256: sha)
        let loader = ReferralLoader(connection: database.connection)

        if let original = try loader.loadedFile(partner: partner.name, sha256: sha) {
            return (receipt, try loader.recordDuplicate(receipt, of: original))
        }
        var scanner = ExtractScanner(source: file.byteSource(), profile: partner.profile, arrivalDate: arrivalDate)
        do {
            let summary = try database.connection.transaction {
                let warnings = try scanner.readHeader()
                return try loader.load(receipt, scanner: &scanner, fileWarnings: warnings)
            }
            return (receipt, summary)
        } catch let refusal as FileRefusal {
            return (receipt, try loader.recordRefusal(receipt, refusal))
        } catch let error as PostgresError where error.sqlState == "23505" {
            // Another instance committed the same bytes while we read them.
            guard let original = try loader.loadedFile(partner: partner.name, sha256: sha) else { throw error }
            return (receipt, try loader.recordDuplicate(receipt, of: original))
        }
    }
}
