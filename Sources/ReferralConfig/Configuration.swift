import Foundation
import ReferralCore

/// The referrald configuration file (spec README.md), decoded strictly, with every partner's
/// profile loaded and validated.
public struct Configuration: Sendable {
    public struct Database: Sendable, Equatable {
        /// libpq conninfo or URI; PG* variables apply. Never holds the password.
        public var conninfo: String
        public var schema: String = "referrald"
    }

    public struct Drop: Sendable, Equatable {
        public var root: String
        public var pollInterval: Duration = .seconds(5)
        public var settleTime: Duration = .seconds(10)
        public var maxFileSize: Int64 = 2 << 30
    }

    public struct Partner: Sendable, Equatable {
        /// The partner's name: also its drop directory's name.
        public var name: String
        /// The profile as written (a shipped name or a path).
        public var profileReference: String
        public var profile: PartnerProfile
        /// `intake: { mesh: … }`; nil for the drop directory (the default).
        public var mesh: MeshIntakeSettings?
    }

    public struct Report: Sendable, Equatable {
        public var population0to17: Int?
        /// Reference figures shown beside the local ones; England's by default, `[]` for none.
        public var benchmarks: [Benchmark] = Benchmark.england
    }

    public var database: Database
    /// What "today" and period boundaries mean (an IANA zone).
    public var timezone: String = "Europe/London"
    public var drop: Drop
    /// In the order the file lists them.
    public var partners: [Partner]
    public var alerts = AlertSettings()
    public var report = Report()
    /// What is removed after how long; nothing by default.
    public var retention = RetentionSettings()
    /// The MESH connection (`mesh:`); required when a partner's intake is `mesh`.
    public var mesh: MeshSettings?
    /// The Prometheus endpoint; nil (the default) when there is none.
    public var metrics: MetricsSettings?
    /// The file it came from.
    public var path: String?

    public func partner(named name: String) -> Partner? {
        partners.first { $0.name == name }
    }

    static let keys: Set<String> = ["database", "timezone", "drop", "partners", "alerts", "report", "retention", "metrics", "mesh"]

    /// Decodes a configuration; profiles are found through `profiles`.
    public init(yaml text: String, file: String? = nil, profiles: ProfileLocator) throws(ConfigError) {
        let root = try StrictNode.parse(text, file: file)
        let f = try root.fields(Self.keys)
        path = file

        guard let db = f["database"] else { throw root.error("missing key 'database'") }
        let dbf = try db.fields(["conninfo", "schema"])
        guard let conninfo = dbf["conninfo"] else { throw db.error("missing key 'conninfo'") }
        database = Database(conninfo: try conninfo.string())
        if database.conninfo.range(of: "password", options: .caseInsensitive) != nil {
            throw conninfo.error("the password must not be in this file: use PGPASSFILE, ~/.pgpass or a systemd credential")
        }
        if let schema = dbf["schema"] {
            database.schema = try schema.string()
            guard Self.isIdentifier(database.schema) else { throw schema.error("expected a lower-case SQL identifier") }
        }

        if let tz = f["timezone"] {
            timezone = try tz.string()
            guard TimeZone(identifier: timezone) != nil else { throw tz.error("unknown time zone '\(timezone)'") }
        }

        guard let dropNode = f["drop"] else { throw root.error("missing key 'drop'") }
        let df = try dropNode.fields(["root", "poll_interval", "settle_time", "max_file_size"])
        guard let dropRoot = df["root"] else { throw dropNode.error("missing key 'root'") }
        drop = Drop(root: try dropRoot.string())
        guard drop.root.hasPrefix("/") else { throw dropRoot.error("expected an absolute path") }
        if let n = df["poll_interval"] { drop.pollInterval = try n.duration(in: .milliseconds(100)...(.seconds(3600))) }
        if let n = df["settle_time"] { drop.settleTime = try n.duration(in: .zero...(.seconds(86_400))) }
        if let n = df["max_file_size"] { drop.maxFileSize = try ByteSize.parse(n) }

        guard let partnersNode = f["partners"] else { throw root.error("missing key 'partners'") }
        partners = []
        let partnerEntries = try partnersNode.mapping()
        for (name, value) in partnerEntries {
            guard name != "total" else { throw value.error("'total' is the scope of all partners together; choose another name") }
            guard Self.isPartnerName(name) else {
                throw value.error("a partner name must be lower-case letters, digits, '-' or '_' (it names a directory)")
            }
            let pf = try value.fields(["profile", "intake"])
            guard let profileNode = pf["profile"] else { throw value.error("missing key 'profile'") }
            let reference = try profileNode.string()
            let profile: PartnerProfile
            do {
                profile = try profiles.load(reference, relativeTo: file)
            } catch {
                let problem = error.file != nil ? error : profileNode.error(error.message)
                guard let log = ProblemLog.current else { throw problem }
                log.record(problem)  // `config check`: name it, check the rest
                continue
            }
            var partner = Partner(name: name, profileReference: reference, profile: profile)
            if let intake = pf["intake"] { partner.mesh = try Self.intake(intake) }
            partners.append(partner)
        }
        guard !partnerEntries.isEmpty else { throw partnersNode.error("at least one partner") }

        if let n = f["alerts"], case .mapping = n.node { alerts = try AlertSettings(n) }
        else if let n = f["alerts"], (try? n.string()) != "" { throw n.error("expected a mapping") }
        for partner in Set(alerts.feedSilent.keys).union(alerts.feedSilentOff) where self.partner(named: partner) == nil {
            throw ConfigError(file: file, line: f["alerts"]?.line, path: "alerts.feed_silent.\(partner)", message: "no such partner")
        }
        for (scope, _) in alerts.spike.thresholds where scope != "total" && self.partner(named: scope) == nil {
            throw ConfigError(file: file, line: f["alerts"]?.line, path: "alerts.thresholds.\(scope)", message: "no such partner (or 'total')")
        }

        if let n = f["report"] {
            let rf = try n.fields(["population_0_17", "benchmarks"])
            if let p = rf["population_0_17"] { report.population0to17 = try p.int(in: 1...100_000_000) }
            if let b = rf["benchmarks"] { report.benchmarks = try Self.benchmarks(b) }
        }
        if let n = f["retention"] { retention = try RetentionSettings(n) }
        if let n = f["metrics"] { metrics = try MetricsSettings(n) }
        if let n = f["mesh"] { mesh = try MeshSettings(n) }
        try checkMesh(f["mesh"], partnersNode)
    }

    /// `intake: drop` (the default) or `intake: { mesh: … }`.
    static func intake(_ node: StrictNode) throws(ConfigError) -> MeshIntakeSettings? {
        if case .scalar = node.node {
            guard try node.string() == "drop" else { throw node.error("expected 'drop' or a mapping with 'mesh'") }
            return nil
        }
        let f = try node.fields(["mesh"])
        guard let mesh = f["mesh"] else { throw node.error("missing key 'mesh'") }
        return try MeshIntakeSettings(mesh)
    }

    /// Every mesh partner needs the `mesh:` connection and names its one mailbox; a sender
    /// mailbox belongs to one partner only (it says whose extract a message is).
    private func checkMesh(_ meshNode: StrictNode?, _ partnersNode: StrictNode) throws(ConfigError) {
        var senders: [String: String] = [:]
        var mailbox: String?
        for partner in partners {
            guard let intake = partner.mesh else { continue }
            guard mesh != nil else { throw partnersNode.error("partner '\(partner.name)' has a mesh intake but there is no 'mesh:' section") }
            if let mailbox, mailbox != intake.mailbox {
                throw partnersNode.error("partner '\(partner.name)': every mesh partner names the one mailbox of the 'mesh:' credentials ('\(mailbox)')")
            }
            mailbox = intake.mailbox
            for sender in intake.from {
                if let other = senders[sender], other != partner.name {
                    throw partnersNode.error("sender mailbox '\(sender)' is accepted for both '\(other)' and '\(partner.name)'")
                }
                senders[sender] = partner.name
            }
        }
    }

    /// `report.benchmarks`: a list of `{ name, rate_per_10000, re_referral_percent }`, every key required.
    static func benchmarks(_ node: StrictNode) throws(ConfigError) -> [Benchmark] {
        var list: [Benchmark] = []
        for item in try node.sequence() {
            let bf = try item.fields(["name", "rate_per_10000", "re_referral_percent"])
            guard let name = bf["name"] else { throw item.error("missing key 'name'") }
            guard let rate = bf["rate_per_10000"] else { throw item.error("missing key 'rate_per_10000'") }
            guard let percent = bf["re_referral_percent"] else { throw item.error("missing key 're_referral_percent'") }
            let text = try name.string()
            guard !text.isEmpty, text.count <= 80 else { throw name.error("expected a name of 1 to 80 characters") }
            guard !list.contains(where: { $0.name == text }) else { throw name.error("duplicate benchmark '\(text)'") }
            list.append(Benchmark(name: text, ratePer10000: try rate.double(in: 0...10_000),
                                  reReferralPercent: try percent.double(in: 0...100)))
        }
        return list
    }

    /// Reads and decodes the file at `path`.
    public static func load(path: String, profiles: ProfileLocator? = nil) throws(ConfigError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, path: "", message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, path: "", message: "the configuration file is not UTF-8")
        }
        return try Configuration(yaml: text, file: path, profiles: profiles ?? ProfileLocator())
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) || first == UInt8(ascii: "_") else { return false }
        return s.utf8.count <= 63 && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    static func isPartnerName(_ s: String) -> Bool {
        guard let first = s.utf8.first, (first >= 0x61 && first <= 0x7A) || (first >= 0x30 && first <= 0x39) else { return false }
        return s.utf8.count <= 64 && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
    }
}
