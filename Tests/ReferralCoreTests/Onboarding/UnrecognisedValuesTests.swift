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
}
