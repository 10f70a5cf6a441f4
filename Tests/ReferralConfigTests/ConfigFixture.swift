/// A minimal valid configuration for decoding tests: a database, a drop root and `partners`
/// (by default `acme` with the standard profile), then `extra` (the section under test).
enum ConfigFixture {
    static func yaml(_ extra: String, partners: String = "  acme: { profile: standard }") -> String {
        """
        database:
          conninfo: "host=/tmp dbname=x"
        drop:
          root: /srv/referrald
        partners:
        \(partners)
        \(extra)
        """
    }
}
