import ReferralCore
import ReferralStore
import Testing
import TestSupport

/// Random referrals of a few children, sent as cumulative extracts in a random order, compared
/// with a model computed here: union-find over identifiers and the DfE rule by brute force.
@Suite("Children against a model", .serialized)
struct ChildrenOracleTests {
    struct Referral {
        var partner: String, ref: String, date: CivilDate, nhs: String?, upn: String?, la: String?
    }

    static func referrals(seed: UInt64) -> [Referral] {
        var g = SplitMix(seed: seed)
        let start = CivilDate(year: 2012, month: 1, day: 1)!
        var out: [Referral] = []
        for i in 0..<60 {
            let child = Int.random(in: 0..<12, using: &g)
            // Each child has fixed identifiers; each referral shows a random subset of them.
            let nhs = Bool.random(using: &g) ? ExtractFixture.nhsNumber(child) : nil
            let upn = Bool.random(using: &g) ? ChildrenTests.upn(String(format4(child)) + "00000001") : nil
            let la = Int.random(in: 0..<4, using: &g) == 0 ? "LA\(child)" : nil
            let partner = ["health", "police", "schools"][Int.random(in: 0..<3, using: &g)]
            let date = start.adding(days: Int.random(in: 0..<1100, using: &g))
            out.append(Referral(partner: partner, ref: "R\(i)", date: date, nhs: nhs, upn: upn, la: la))
        }
        return out
    }

    private static func format4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: 4 - s.count) + s
    }

    /// The groups of referrals that must share one key, and each referral's re-referral flag.
    static func model(_ rows: [Referral]) -> (groups: [[String]], reReferral: [String: Bool]) {
        var parent: [String: String] = [:]
        func find(_ k: String) -> String {
            var k = k
            while let p = parent[k], p != k { k = p }
            return k
        }
        func keys(_ r: Referral) -> [String] {
            [r.nhs.map { "nhs:" + $0 }, r.upn.map { "upn:" + $0 }, r.la.map { "la:" + $0 }].compactMap { $0 }
        }
        for r in rows {
            let ks = keys(r).isEmpty ? ["h:" + r.ref] : keys(r)
            for k in ks where parent[k] == nil { parent[k] = k }
            for k in ks.dropFirst() { parent[find(k)] = find(ks[0]) }
        }
        var byRoot: [String: [Referral]] = [:]
        for r in rows {
            let ks = keys(r)
            byRoot[find(ks.first ?? "h:" + r.ref), default: []].append(r)
        }
        var flags: [String: Bool] = [:]
        for group in byRoot.values {
            for r in group {
                flags[r.partner + "/" + r.ref] = group.contains { o in
                    o.date < r.date && o.date >= r.date.adding(months: -12)
                }
            }
        }
        let groups = byRoot.values.map { $0.map { $0.partner + "/" + $0.ref }.sorted() }
        return (groups, flags)
    }

    static func extract(_ rows: [Referral]) -> [UInt8] {
        ChildrenTests.extract(rows.map { ($0.ref, $0.date.description, $0.nhs ?? "", $0.upn ?? "", $0.la ?? "") })
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func loadedChildrenMatchTheModel(seed: UInt64) async throws {
        let all = Self.referrals(seed: seed)
        // Every referral has an identifier for this model (no name hashes: they match by name).
        let rows = all.filter { $0.nhs != nil || $0.upn != nil || $0.la != nil }
        var g = SplitMix(seed: seed &* 31)
        try await StoreHarness.with { h in
            // Each partner sends cumulative extracts: a growing prefix of its referrals, in shuffled order.
            var sent: [String: Int] = [:]
            let partners = ["health", "police", "schools"]
            var order = partners.flatMap { Array(repeating: $0, count: 3) }
            order.shuffle(using: &g)
            for partner in order {
                let mine = rows.filter { $0.partner == partner }
                let upTo = min(mine.count, (sent[partner] ?? 0) + max(1, mine.count / 3))
                sent[partner] = upTo
                let file = try h.load(Self.extract(Array(mine.prefix(upTo))), partner: partner, arrival: ChildrenTests.today)
                #expect(file.status == .loaded || file.status == .duplicate, "seed \(seed)")
            }
            for partner in partners where (sent[partner] ?? 0) < rows.filter({ $0.partner == partner }).count {
                _ = try h.load(Self.extract(rows.filter { $0.partner == partner }), partner: partner, arrival: ChildrenTests.today)
            }
            let model = Self.model(rows)
            let result = try h.connection.query("SELECT partner || '/' || partner_ref, child_key, is_re_referral FROM referral")
            #expect(result.rowCount == rows.count, "seed \(seed)")
            var keyOf: [String: String] = [:]
            var flagOf: [String: Bool] = [:]
            for i in 0..<result.rowCount {
                keyOf[result[i, 0]!] = result[i, 1]!
                flagOf[result[i, 0]!] = result[i, 2] == "t"
            }
            for group in model.groups {
                let keys = Set(group.map { keyOf[$0] })
                #expect(keys.count == 1, "seed \(seed): one child, keys \(keys)")
            }
            #expect(Set(keyOf.values).count == model.groups.count, "seed \(seed): distinct children")
            #expect(flagOf == model.reReferral, "seed \(seed)")
            // No referral keeps a key that was merged away.
            #expect(try h.count("SELECT count(*) FROM referral r JOIN child_alias a ON a.alias = r.child_key") == 0)
        }
    }
}
