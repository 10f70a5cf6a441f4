import DropDirectory
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralStore

/// The transaction at the heart of the file job: duplicate check, parse, validate and load (or
/// record the file's refusal), with the claim checked and marked committed in that same
/// transaction.
public struct FileIngestor {
    public let database: ReferralDatabase
    /// Chooses the format reader for a file.
    public let rows: RowSources.Chooser

    public init(database: ReferralDatabase, rows: @escaping RowSources.Chooser = RowSources.open) {
        self.database = database
        self.rows = rows
    }

    /// Loads `bytes` of `partner` in one transaction. With `claims`, the claim must be ours
    /// (checked under lock) and is marked committed with the rows. `arrivalDate` is the day the
    /// file arrived in the configured zone. Throws `PostgresError` when the database fails and
    /// `FileClaims.Lost` when another instance took the claim; nothing is committed then.
    public func load(
        _ receipt: FileReceipt, bytes: any RandomAccessBytes, partner: Configuration.Partner, arrivalDate: CivilDate,
        claims: FileClaims? = nil, progress: (Int) throws -> Void = { _ in }
    ) throws -> FileSummary {
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
                    // A workbook can turn out broken after rows were staged: its refusal rolls
                    // back to here, so only the ledger's refusal is kept.
                    try database.connection.execute("SAVEPOINT extract")
                    do {
                        summary = try Self.load(try rows(bytes, partner.profile), receipt, loader: loader, profile: partner.profile, arrivalDate: arrivalDate, progress: progress)
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

    /// Reads the header (throwing the file's refusal), then loads every row.
    private static func load<Rows: RowSource>(
        _ rows: Rows, _ receipt: FileReceipt, loader: ReferralLoader, profile: PartnerProfile, arrivalDate: CivilDate,
        progress: (Int) throws -> Void
    ) throws -> FileSummary {
        var scanner = ExtractScanner(rows: rows, profile: profile, arrivalDate: arrivalDate)
        let warnings = try scanner.readHeader()
        return try loader.load(receipt, scanner: &scanner, fileWarnings: warnings, progress: progress)
    }

    /// Records a file refused whole without reading it (a poison file given up on).
    public func refuse(_ receipt: FileReceipt, _ refusal: FileRefusal, claims: FileClaims?) throws -> FileSummary {
        let loader = ReferralLoader(connection: database.connection)
        return try database.connection.transaction {
            try claims?.verify(partner: receipt.partner, sha256: receipt.sha256)
            let summary = try loader.recordRefusal(receipt, refusal)
            try claims?.markCommitted(partner: receipt.partner, sha256: receipt.sha256, fileId: summary.fileId)
            return summary
        }
    }
}
