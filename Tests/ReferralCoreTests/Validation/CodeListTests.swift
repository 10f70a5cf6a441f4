import Testing
import ReferralCore

@Suite struct CodeListTests {
    @Test func codeLists() {
        #expect(CodeList.sex.codes == ["M", "F", "U"])
        #expect(CodeList.ethnicity.codes.count == 20)
        #expect(CodeList.referralSource.codes.count == 22)
        #expect(CodeList.primaryNeed.codes == (0...9).map { "N\($0)" })
        #expect(CodeList(rawValue: "referral_source") == .referralSource)
    }

    @Test func bareCodesAnyCase() {
        for list in CodeList.allCases {
            for code in list.codes {
                #expect(list.recognise(code) == code, "\(list) \(code)")
                #expect(list.recognise(code.lowercased()) == code, "\(list) \(code)")
            }
        }
    }

    /// A code, then a label whose last word ends in a dot (an abbreviation mark): the label is
    /// read without the code, and the abbreviation's place moves with it (it read past the end).
    @Test func codeThenALabelEndingInADot() {
        #expect(CodeList.referralSource.recognise("3E Health.") == "3E")
        #expect(CodeList.referralSource.recognise("6 - Police.") == "6")
    }

    @Test func emptyIsNil() {
        for list in CodeList.allCases {
            #expect(list.recognise("") == nil)
            #expect(list.recognise("   ") == nil)
        }
    }

    @Test func sex() {
        let s = CodeList.sex
        #expect(s.recognise("1") == "M")
        #expect(s.recognise("2") == "F")
        #expect(s.recognise("0") == "U")
        #expect(s.recognise("9") == "U")
        #expect(s.recognise("b) Female") == "F")
        #expect(s.recognise("a) Male") == "M")
        #expect(s.recognise("Not stated") == "U")
        #expect(s.recognise("Unknown") == "U")
        #expect(s.recognise("FEMALE") == "F")
        #expect(s.recognise("3") == nil)
        #expect(s.recognise("Male or female") == nil)
    }

    @Test func ethnicity() {
        let e = CodeList.ethnicity
        #expect(e.recognise("a) WBRI") == "WBRI")
        #expect(e.recognise("WBRI - White British") == "WBRI")
        #expect(e.recognise("White British") == "WBRI")
        #expect(e.recognise("white - irish") == "WIRI")
        #expect(e.recognise("Traveller of Irish Heritage") == "WIRT")
        #expect(e.recognise("Gypsy / Roma") == "WROM")
        #expect(e.recognise("Mixed White and Black Caribbean") == "MWBC")
        #expect(e.recognise("White and Asian") == "MWAS")
        #expect(e.recognise("Mixed Asian") == "AOTH")
        #expect(e.recognise("Black or Black British West Indian") == "BCRB")
        #expect(e.recognise("Asian or Asian British - Pakistani") == "APKN")
        #expect(e.recognise("Chinese") == "CHNE")
        #expect(e.recognise("Other - Iraqi") == "OOTH")
        #expect(e.recognise("Refused to say") == "REFU")
        #expect(e.recognise("Information not yet obtained") == "NOBT")
        #expect(e.recognise("C3") == "ABAN")
        #expect(e.recognise("(D.D13)") == "BOTH")
        #expect(e.recognise("WPOL") == "WOTH")
        #expect(e.recognise("Unknown") == "NOBT")
        #expect(e.recognise("White - Unknown") == "WOTH" || e.recognise("White - Unknown") == nil)
        // A typo of a code is not a code: no fuzzy matching, not even as an extension.
        #expect(e.recognise("WBRT") == nil)
        #expect(e.recognise("AIDN") == nil)
        #expect(e.recognise("AOTA") == "AOTH")               // an extension of, or typo for, "any other Asian"
        #expect(e.recognise("BSOM") == "BAFR")               // a DfE extended code, rolled up by the DfE table
        #expect(e.recognise("Bac - Jamaica") == "BCRB")      // Caribbean countries are Caribbean
        #expect(e.recognise("Black - Barbados") == "BCRB")
        #expect(e.recognise("#MULTIVALUE") == nil)
        #expect(e.recognise("both") == nil || e.recognise("both") == "BOTH")
        #expect(e.recognise("parents both from abroad") == nil)
    }

    @Test func referralSource() {
        let r = CodeList.referralSource
        #expect(r.recognise("q) 6: Police") == "6")
        #expect(r.recognise("Police") == "6")
        #expect(r.recognise("6") == "6")
        #expect(r.recognise("3E - Health services - A&E") == "3E")
        #expect(r.recognise("Health – A&E") == "3E")
        #expect(r.recognise("Health services - GP Surgery") == "3A")
        #expect(r.recognise("Health Visitor [3B]") == "3B")
        #expect(r.recognise("School Nurse") == "3C")
        #expect(r.recognise("Schools") == "2A")
        #expect(r.recognise("Education Services") == "2B")
        #expect(r.recognise("LA housing or housing association") == "4")
        #expect(r.recognise("LA services - Early help") == "5D")
        #expect(r.recognise("LA services - External e.g. from another LAs") == "5C")
        #expect(r.recognise("Other legal agency") == "7")
        #expect(r.recognise("Individual - Self") == "1C")
        #expect(r.recognise("Neighbour") == "1B")
        #expect(r.recognise("Anonymous") == "9")
        #expect(r.recognise("10: Unknown") == "10")
        #expect(r.recognise("Voluntary Organisation") == "8")
        #expect(r.recognise("7 - Police") == nil)             // code and label disagree
        #expect(r.recognise("Hospital (apart from A&E)") == "3F")
        #expect(r.recognise("11") == nil)
        #expect(r.recognise("Hospital Chaplain") == "3F")   // a hospital: health, other
        // A capitals abbreviation of one source's label word; ambiguous ones are not guessed.
        #expect(r.recognise("HOU") == "4")
        #expect(r.recognise("MIDW") == "3D")
        #expect(r.recognise("FATH") == "1A")
        #expect(r.recognise("SOL") == "7")
        #expect(r.recognise("NURS") == nil)                 // nurse or nursery
        #expect(r.recognise("COU") == nil)                  // council, court or cousin
        #expect(r.recognise("CARE") == nil)                 // too close to `carer` to be short for it
        #expect(r.recognise("Hou") == nil)
        // `non` negates only the next word; a bare `from` negates nothing.
        #expect(r.recognise("Non-resident relative") == "1A")
        #expect(r.recognise("Step up from Early Help") == "5D")
        // The DfE label for 8 is `Other`; bracketed examples do not override it.
        #expect(r.recognise("Other") == "8")
        #expect(r.recognise("Other (please specify)") == "8")
        #expect(r.recognise("Other (including hospice)") == "8")
        #expect(r.recognise("Individual - Other (including strangers, MPs)") == "1D")
        #expect(r.recognise("Warden") == "4")
        #expect(r.recognise("Youth Offending Team") == "5B")  // the DfE 5B label names youth offending
        #expect(r.recognise("Mystery") == nil)
    }

    @Test func primaryNeed() {
        let p = CodeList.primaryNeed
        #expect(p.recognise("N4") == "N4")
        #expect(p.recognise("n1 - Abuse or neglect") == "N1")
        #expect(p.recognise("Abuse or neglect") == "N1")
        #expect(p.recognise("Parental disability or illness") == "N3")
        #expect(p.recognise("Child's disability or illness") == "N2")
        #expect(p.recognise("Low income") == "N7")
        #expect(p.recognise("N10") == nil)
    }
}
