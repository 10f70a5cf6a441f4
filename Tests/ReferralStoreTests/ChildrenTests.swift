import ReferralCore
import ReferralStore
import Testing
import TestSupport

/// One child across partners (`child_key` merging) and re-referrals, through the real loader.
@Suite("Children and re-referrals", .serialized)
struct ChildrenTests {
    /// A standard extract of `rows`: (partner_ref, referral date, NHS number, UPN, LA child id).
    static func extract(_ rows: [(ref: String, date: String, nhs: String, upn: String, la: String)]) -> [UInt8] {
        var text = ExtractFixture.header + "\n"
        for r in rows {
            text += "\(r.ref),\(r.date),\(r.nhs),\(r.upn),\(r.la),Sam,Okafor,2009-04-02,,M,WBRI,,1A,N1,\n"
        }
        return Array(text.utf8)
    }

    /// A valid UPN with the given 11 digits and a final digit.
    static func upn(_ digits: String) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
        let body = Array(digits)
        var sum = 0
        for (k, c) in body.enumerated() { sum += c.wholeNumberValue! * (k + 2) }
        return String(alphabet[sum % 23]) + digits
    }

    static let n1 = ExtractFixture.nhsNumber(1), n2 = ExtractFixture.nhsNumber(2), n3 = ExtractFixture.nhsNumber(3)
    static let u1 = upn("801200005001"), u2 = upn("801200005002"), u3 = upn("801200005003")

    static let today = CivilDate(year: 2017, month: 1, day: 1)!

    func key(_ h: StoreHarness, _ partner: String, _ ref: String) throws -> String? {
        try h.scalar("SELECT child_key FROM referral WHERE partner = $1 AND partner_ref = $2", [partner, ref])
    }

    func reReferral(_ h: StoreHarness, _ partner: String, _ ref: String) throws -> Bool {
        try h.scalar("SELECT is_re_referral FROM referral WHERE partner = $1 AND partner_ref = $2", [partner, ref]) == "t"
    }

    @Test func upnIsAValidCheckLetter() {
        #expect(UPN.normalise(Self.u1) == Self.u1)
        #expect(UPN.normalise(Self.u2) == Self.u2)
    }

    @Test func healthPoliceAndSchoolBecomeOneChildWhenTheSchoolSendsBoth() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("H1", "2013-01-10", Self.n1, "", "")]), partner: "health", arrival: Self.today)
            _ = try h.load(Self.extract([("P1", "2013-12-05", "", Self.u1, "")]), partner: "police", arrival: Self.today)
            #expect(try key(h, "health", "H1") == "nhs:\(Self.n1)")
            #expect(try key(h, "police", "P1") == "upn:\(Self.u1)")
            #expect(try !reReferral(h, "police", "P1"), "two children until something links them")

            _ = try h.load(Self.extract([("S1", "2014-03-01", Self.n1, Self.u1, "")]), partner: "schools", arrival: Self.today)
            let keys = try h.connection.query("SELECT DISTINCT child_key FROM referral")
            #expect(keys.rowCount == 1)
            #expect(keys[0, 0] == "nhs:\(Self.n1)")
            #expect(try h.scalar("SELECT child_key FROM child_alias WHERE alias = $1", ["upn:\(Self.u1)"]) == "nhs:\(Self.n1)")
            // The police referral, 11 months after health's, became a re-referral when the link arrived.
            #expect(try !reReferral(h, "health", "H1"))
            #expect(try reReferral(h, "police", "P1"))
            #expect(try reReferral(h, "schools", "S1"))

            // A later police referral by UPN alone joins the merged child at once.
            _ = try h.load(Self.extract([("P1", "2013-12-05", "", Self.u1, ""), ("P2", "2016-01-01", "", Self.u1, "")]), partner: "police", arrival: Self.today)
            #expect(try key(h, "police", "P2") == "nhs:\(Self.n1)")
            #expect(try !reReferral(h, "police", "P2"), "22 months after the school's")
        }
    }

    @Test func firstFileRowsWithAnOldAliasTakeTheMergedKey() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("S1", "2013-01-10", Self.n1, Self.u1, "")]), partner: "schools", arrival: Self.today)
            _ = try h.load(Self.extract([("P1", "2013-03-05", "", Self.u1, "")]), partner: "police", arrival: Self.today)
            #expect(try key(h, "police", "P1") == "nhs:\(Self.n1)")
            #expect(try reReferral(h, "police", "P1"))
        }
    }

    @Test func twelveMonthsIsTheBoundary() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([
                ("A1", "2013-01-15", Self.n1, "", ""), ("A2", "2014-01-15", Self.n1, "", ""),  // exactly 12 months: re-referral
                ("B1", "2013-01-15", Self.n2, "", ""), ("B2", "2014-01-16", Self.n2, "", ""),  // a day over: not
                ("C1", "2013-01-15", Self.n3, "", ""), ("C2", "2014-02-15", Self.n3, "", ""),  // 13 months: not
            ]), partner: "health", arrival: Self.today)
            #expect(try reReferral(h, "health", "A2"))
            #expect(try !reReferral(h, "health", "B2"))
            #expect(try !reReferral(h, "health", "C2"))
            #expect(try h.count("SELECT count(*) FROM referral WHERE is_re_referral") == 1)
        }
    }

    @Test func sameDayReferralsAreConcurrentNotReReferrals() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("H1", "2013-05-02", Self.n1, "", "")]), partner: "health", arrival: Self.today)
            _ = try h.load(Self.extract([("P1", "2013-05-02", Self.n1, "", "")]), partner: "police", arrival: Self.today)
            _ = try h.load(Self.extract([("S1", "2013-05-20", Self.n1, "", "")]), partner: "schools", arrival: Self.today)
            #expect(try !reReferral(h, "health", "H1"))
            #expect(try !reReferral(h, "police", "P1"))
            #expect(try reReferral(h, "schools", "S1"))
            #expect(try h.count("SELECT count(*) FROM referral WHERE child_key = $1 AND referral_date = '2013-05-02'", ["nhs:\(Self.n1)"]) == 2)
        }
    }

    @Test func lateAndCorrectedDataChangeHistoryForTheChildrenTouched() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("P1", "2014-02-01", Self.n1, "", ""), ("P9", "2014-02-01", Self.n2, "", "")]), partner: "police", arrival: Self.today)
            #expect(try !reReferral(h, "police", "P1"))
            // A referral arriving late, dated last June, makes February's a re-referral.
            _ = try h.load(Self.extract([("H1", "2013-06-01", Self.n1, "", "")]), partner: "health", arrival: Self.today)
            #expect(try reReferral(h, "police", "P1"))
            // Health corrects the date to 20 months before: February's is no longer one.
            _ = try h.load(Self.extract([("H1", "2012-06-01", Self.n1, "", "")]), partner: "health", arrival: Self.today)
            #expect(try !reReferral(h, "police", "P1"))
            _ = try h.load(Self.extract([("H1", "2013-06-01", Self.n1, "", "")]) + Array("\n".utf8), partner: "health", arrival: Self.today)
            #expect(try reReferral(h, "police", "P1"))
            // Health moves the referral to another child: the first child's history loses it.
            _ = try h.load(Self.extract([("H1", "2013-06-01", Self.n2, "", "")]), partner: "health", arrival: Self.today)
            #expect(try !reReferral(h, "police", "P1"))
            #expect(try reReferral(h, "police", "P9"))
        }
    }

    @Test func chainsOfIdentifiersMergeIntoTheBestKey() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("S1", "2013-01-10", "", Self.u2, "LA77")]), partner: "schools", arrival: Self.today)
            #expect(try key(h, "schools", "S1") == "upn:\(Self.u2)")
            _ = try h.load(Self.extract([("C1", "2013-02-10", "", "", "LA77")]), partner: "council", arrival: Self.today)
            #expect(try key(h, "council", "C1") == "upn:\(Self.u2)", "the LA id was linked to the UPN")
            // Two children known by NHS numbers become one through a shared UPN: the lower NHS number wins.
            let (low, high) = Self.n1 < Self.n3 ? (Self.n1, Self.n3) : (Self.n3, Self.n1)
            _ = try h.load(Self.extract([("H1", "2013-03-10", high, Self.u2, ""), ("H2", "2013-04-10", low, Self.u3, "")]), partner: "health", arrival: Self.today)
            #expect(try key(h, "council", "C1") == "nhs:\(high)")
            _ = try h.load(Self.extract([("P1", "2013-05-10", low, Self.u2, "")]), partner: "police", arrival: Self.today)
            let keys = try h.connection.query("SELECT DISTINCT child_key FROM referral")
            #expect(keys.rowCount == 1)
            #expect(keys[0, 0] == "nhs:\(low)")
            for alias in ["upn:\(Self.u2)", "la:LA77", "nhs:\(high)", "upn:\(Self.u3)"] {
                #expect(try h.scalar("SELECT child_key FROM child_alias WHERE alias = $1", [alias]) == "nhs:\(low)", "\(alias)")
            }
            #expect(try h.count("SELECT count(*) FROM referral WHERE is_re_referral") == 4)
        }
    }

    @Test func aResentExtractOfMergedChildrenRewritesNothing() async throws {
        try await StoreHarness.with { h in
            let rows = Self.extract([("S1", "2013-01-10", Self.n1, Self.u1, ""), ("S2", "2013-02-10", "", Self.u1, "")])
            let first = try h.load(rows, partner: "schools", arrival: Self.today)
            #expect(try key(h, "schools", "S2") == "nhs:\(Self.n1)")
            // Same rows, other bytes (a trailing blank line): a new file whose rows are unchanged.
            let second = try h.load(rows + Array("\n".utf8), partner: "schools", arrival: Self.today)
            #expect(second.status == .loaded)
            #expect(try h.count("SELECT count(*) FROM referral WHERE last_file_id = $1", [String(first.fileId)]) == 2)
            #expect(try reReferral(h, "schools", "S2"))
        }
    }

    @Test func aLaterFileThatMakesTheFirstLinkGivesItsOwnRowsTheMergedKey() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("S0", "2013-01-02", Self.n3, "", "")]), partner: "schools", arrival: Self.today)
            #expect(try h.count("SELECT count(*) FROM child_alias") == 0)
            // The partner's second file (staged): one row links the NHS number and UPN, another has the UPN only.
            _ = try h.load(Self.extract([("S1", "2013-01-10", Self.n1, Self.u1, ""), ("S2", "2013-02-10", "", Self.u1, "")]),
                           partner: "schools", arrival: Self.today)
            #expect(try key(h, "schools", "S2") == "nhs:\(Self.n1)")
            #expect(try reReferral(h, "schools", "S2"))
        }
    }

    @Test func childrenWithoutIdentifiersAreNeverLinked() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("H1", "2013-01-10", "", "", ""), ("H2", "2013-02-10", Self.n1, "", "")]), partner: "health", arrival: Self.today)
            let keys = try h.connection.query("SELECT child_key FROM referral ORDER BY partner_ref")
            #expect(keys[0, 0]?.hasPrefix("h:") == true)
            #expect(keys[1, 0] == "nhs:\(Self.n1)")
            #expect(try h.count("SELECT count(*) FROM child_alias") == 0)
        }
    }
}
