import Testing
@testable import ReferralCore

/// `check`'s suggestions: the coded values no profile entry or recogniser maps, counted from the
/// validator's outcome, under the 3-row and 40-character rule.
@Suite struct UnrecognisedValuesTests {
    @Test func checkCountsTheValuesItWarnedAbout() throws {
        var text = "partner_ref,referral_date,surname,date_of_birth,sex,referral_source,reason\n"
        let sources = ["ACOM", "ACOM", "ACOM", "ACOM", "ZQ", "ZQ", "Police", "Police", "Police", "SLIH", "SLIH", "SLIH"]
        for (i, source) in sources.enumerated() {
            // A column of names sent as sex: every one different, so none is listed.
            text += "R\(i),2024-05-01,Surname\(i),2010-01-01,Person\(i) Name,\(source),free text \(i % 2)\n"
        }
        let check = try runCheck(text)
        #expect(check.accepted == 12)
        #expect(check.unrecognised.entries == [
            .init(field: .referralSource, value: "ACOM", rows: 4),
            .init(field: .referralSource, value: "SLIH", rows: 3),
        ])
        let lines = UnrecognisedValues.yamlLines(check.unrecognised.entries, commented: false)
        #expect(lines == ["values:", "  referral_source:", "    \"ACOM\": \"?\"   # 4 rows", "    \"SLIH\": \"?\"   # 3 rows"])
    }

    @Test func aProfileEntryMakesAValueKnown() throws {
        let profile = PartnerProfile(name: "p", dateFormats: PartnerProfile.standard.dateFormats,
                                     values: [.referralSource: ["acom": "5B"]])
        var text = "partner_ref,referral_date,surname,date_of_birth,referral_source\n"
        for i in 0..<4 { text += "R\(i),2024-05-01,S,2010-01-01,ACOM\n" }
        #expect(try runCheck(text, profile: profile).unrecognised.entries.isEmpty)
        #expect(try runCheck(text).unrecognised.entries.map(\.rows) == [4])
    }

    @Test func quotingKeepsAValueOneYAMLScalar() {
        #expect(UnrecognisedValues.quoted("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"")
    }

    @Test func talliesOfConsecutiveRowsMergeAsOne() {
        var first = UnrecognisedValues(), second = UnrecognisedValues(), whole = UnrecognisedValues()
        let values = ["ACOM", "ZQ", "ACOM", "Police", "ZQ", "ACOM", "SLIH", "SLIH", "ZQ", "SLIH"]
        for (i, value) in values.enumerated() {
            if i < 4 { first.add(.referralSource, value) } else { second.add(.referralSource, value) }
            whole.add(.referralSource, value)
        }
        let merged = first.merge(second)
        #expect(merged)
        #expect(first.entries == whole.entries)
        #expect(first.entries.map(\.rows) == [3, 3, 3])
    }

    @Test func talliesPastTheDistinctLimitDoNotMerge() {
        var first = UnrecognisedValues(), second = UnrecognisedValues()
        for i in 0..<UnrecognisedValues.distinctLimit { first.add(.sex, "a\(i)") }
        second.add(.sex, "a1")
        var merged = first
        let known = merged.merge(second)
        #expect(known)
        second.add(.sex, "new")
        merged = first
        let oneTooMany = merged.merge(second)
        #expect(!oneTooMany)
        for i in 0...UnrecognisedValues.distinctLimit { second.add(.sex, "b\(i)") }
        #expect(second.droppedAny)
        merged = UnrecognisedValues()
        let dropped = merged.merge(second)
        #expect(!dropped)
    }
}
