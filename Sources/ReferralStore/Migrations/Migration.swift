/// One numbered, forward-only schema migration.
///
/// The SQL is kept in Swift (not a resource bundle) so the installed binary carries its
/// schema with it; it runs with `search_path` set to the configured schema.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    /// Every migration, in order. Append; never edit one that has shipped.
    public static let all: [Migration] = [
        Migration(version: 1, name: "contract tables", sql: Migration0001.sql),
        Migration(version: 2, name: "file claims", sql: Migration0002.sql),
        Migration(version: 3, name: "referral counts", sql: Migration0003.sql),
        Migration(version: 4, name: "children and re-referrals", sql: Migration0004.sql),
        Migration(version: 5, name: "room for re-referral updates", sql: Migration0005.sql),
        Migration(version: 6, name: "file spans", sql: Migration0006.sql),
        Migration(version: 7, name: "mesh messages", sql: Migration0007.sql),
    ]
}
