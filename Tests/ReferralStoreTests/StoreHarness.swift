import Crypto
import PostgresLibPQ
import ReferralCore
import ReferralStore
import TestSupport

/// A migrated fresh database and a way to load bytes through the real loader.
struct StoreHarness {
    let database: ReferralDatabase
    var connection: PostgresConnection { database.connection }
    static let arrival = CivilDate(year: 2013, month: 6, day: 1)!

    /// Runs `body` against a new database migrated to the latest schema.
    static func with(_ body: (StoreHarness) throws -> Void) async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            let admin = try PostgresConnection(conninfo: conninfo)
            try Migrator(schema: "referrald").migrate(admin)
            admin.close()
            let database = try ReferralDatabase(conninfo: conninfo, schema: "referrald")
            defer { database.connection.close() }
            try body(StoreHarness(database: database))
        }
    }

    /// Loads `bytes` as one file of `partner`, exactly as the daemon's pipeline does after hashing.
    func load(_ bytes: [UInt8], partner: String = "acme", name: String = "f.csv", profile: PartnerProfile = .standard, arrival: CivilDate = Self.arrival) throws -> FileSummary {
        let receipt = FileReceipt(partner: partner, fileName: name, bytes: Int64(bytes.count), sha256: Hex.string(SHA256.hash(data: bytes)))
        let loader = ReferralLoader(connection: connection)
        if let original = try loader.loadedFile(partner: partner, sha256: receipt.sha256) {
            return try loader.recordDuplicate(receipt, of: original)
        }
        var scanner = ExtractScanner(source: MemoryByteSource(bytes, maxChunk: 4096), profile: profile, arrivalDate: arrival)
        do {
            return try connection.transaction {
                let warnings = try scanner.readHeader()
                return try loader.load(receipt, scanner: &scanner, fileWarnings: warnings)
            }
        } catch let refusal as FileRefusal {
            return try connection.transaction { try loader.recordRefusal(receipt, refusal) }
        }
    }

    func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        try connection.query(sql, parameters)[0, 0]
    }

    func count(_ sql: String, _ parameters: [String?] = []) throws -> Int {
        Int(try scalar(sql, parameters) ?? "-1") ?? -1
    }
}
