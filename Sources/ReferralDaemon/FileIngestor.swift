import DropDirectory
import Logging
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralStore

/// One file through the whole pipeline: open safely, hash, claim, duplicate check, parse,
/// validate and load in one transaction (or record the file's refusal), with the claim checked
/// and marked committed in that same transaction. Used by `ingest` and the daemon alike.
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

    /// A file opened and hashed, not yet claimed.
    public struct Prepared {
        public let file: OpenedFile
        public let receipt: FileReceipt
    }

    public let database: ReferralDatabase
    public let maxFileSize: Int64

    public init(database: ReferralDatabase, maxFileSize: Int64) {
        self.database = database
        self.maxFileSize = maxFileSize
    }

    /// Opens (never through a link) and hashes the file.
    public func prepare(path: String, partner: String) throws -> Prepared {
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
        return Prepared(file: file, receipt: FileReceipt(partner: partner, fileName: name, bytes: file.size, sha256: sha))
    }

    /// Loads a prepared file of `partner` in one transaction. With `claims`, the claim must be
    /// ours (checked under lock) and is marked committed with the rows. `arrivalDate` is the day
    /// the file arrived in the configured zone. Throws `PostgresError` when the database fails
    /// and `FileClaims.Lost` when another instance took the claim; nothing is committed then.
    public func load(
        _ prepared: Prepared, partner: Configuration.Partner, arrivalDate: CivilDate,
        claims: FileClaims? = nil, progress: (Int) throws -> Void = { _ in }
    ) throws -> FileSummary {
        let receipt = prepared.receipt
        let loader = ReferralLoader(connection: database.connection)
        do {
            return try database.connection.transaction {
                try claims?.verify(partner: receipt.partner, sha256: receipt.sha256)
                // One file of a partner at a time, across instances: cumulative extracts of one
                // partner share keys, and the counts move against what is committed.
                try database.connection.query("SELECT pg_advisory_xact_lock(hashtext('referrald.partner.' || $1))", [receipt.partner])
                let summary: FileSummary
                if let original = try loader.loadedFile(partner: receipt.partner, sha256: receipt.sha256) {
                    summary = try loader.recordDuplicate(receipt, of: original)
                } else {
                    // A workbook can turn out broken after rows were staged: the refusal then
                    // rolls back to here, so only the ledger's refusal is kept.
                    try database.connection.execute("SAVEPOINT extract")
                    do {
                        let source = try prepared.file.extractSource(profile: partner.profile, maxTotal: maxFileSize)
                        var scanner = ExtractScanner(source: source, profile: partner.profile, arrivalDate: arrivalDate, options: source.options)
                        let warnings = try scanner.readHeader()
                        summary = try loader.load(receipt, scanner: &scanner, fileWarnings: warnings, progress: progress)
                    } catch let refusal as FileRefusal {
                        try database.connection.execute("ROLLBACK TO SAVEPOINT extract")
                        summary = try loader.recordRefusal(receipt, refusal)
                    }
                }
                try claims?.markCommitted(partner: receipt.partner, sha256: receipt.sha256, fileId: summary.fileId)
                return summary
            }
        } catch let error as PostgresError where error.sqlState == "23505" {
            // Another process committed the same bytes while we read them (no claims in use).
            guard let original = try loader.loadedFile(partner: receipt.partner, sha256: receipt.sha256) else { throw error }
            return try database.connection.transaction { try loader.recordDuplicate(receipt, of: original) }
        }
    }

    /// Records a file refused whole without reading it (a poison file given up on).
    public func refuse(_ prepared: Prepared, _ refusal: FileRefusal, claims: FileClaims?) throws -> FileSummary {
        let loader = ReferralLoader(connection: database.connection)
        return try database.connection.transaction {
            try claims?.verify(partner: prepared.receipt.partner, sha256: prepared.receipt.sha256)
            let summary = try loader.recordRefusal(prepared.receipt, refusal)
            try claims?.markCommitted(partner: prepared.receipt.partner, sha256: prepared.receipt.sha256, fileId: summary.fileId)
            return summary
        }
    }
}
