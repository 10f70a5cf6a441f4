import Testing
@testable import ReferralCore

/// Reading typos and plurals of label words, and the recognisers that use it, on values the
/// Annex A corpus does not hold.
@Suite struct LabelVocabularyTests {
    let vocabulary = LabelVocabulary(["POLICE", "HOSPITAL", "NEIGHBOUR", "STRANGER", "ASIAN", "AGENCY", "SCHOOL", "CAFCASS"])

    @Test func readsTyposByEditDistance() {
        #expect(vocabulary.reading(of: "HOSPTIAL") == "HOSPITAL")   // two letters swapped
        #expect(vocabulary.reading(of: "NEIGHBOR") == "NEIGHBOUR")  // one left out
        #expect(vocabulary.reading(of: "POLLICE") == "POLICE")      // one doubled
        #expect(vocabulary.reading(of: "KAFCASS") == "CAFCASS")     // the first letter of a long word
        #expect(vocabulary.reading(of: "AGENCIES") == "AGENCY")
        #expect(vocabulary.reading(of: "SCHOOLS") == "SCHOOL")
    }

    @Test func leavesOtherWordsAlone() {
        #expect(vocabulary.reading(of: "STRONGER") == nil)  // a vowel for a vowel: another word
        #expect(vocabulary.reading(of: "FASIAN") == nil)    // a letter added in front
        #expect(vocabulary.reading(of: "POLE") == nil)      // under five letters
        #expect(vocabulary.reading(of: "HOSTEL") == nil)    // two edits from HOSPITAL
    }

    @Test func distanceCountsASwapAsOneEdit() {
        #expect(LabelVocabulary.distance(Array("CAMHS".utf8), Array("CAHMS".utf8), limit: 2) == 1)
        #expect(LabelVocabulary.distance(Array("CAMHS".utf8), Array("CAMHS".utf8), limit: 2) == 0)
        #expect(LabelVocabulary.distance(Array("ABCDEFG".utf8), Array("GFEDCBA".utf8), limit: 2) == 3)
    }

    @Test func recognisersReadMisspelledLabels() {
        let r = CodeList.referralSource
        #expect(r.recognise("Polce") == "6")
        #expect(r.recognise("Hosptial ward staff") == "3F")
        #expect(r.recognise("Neighbor") == "1B")
        #expect(r.recognise("Youth Offending Servcie") == "5B")
        #expect(r.recognise("Grimsby Constabulary") == "6")
        #expect(r.recognise("Oakwood Academy") == "2A")
        #expect(r.recognise("Pathway and Leaving Care Team") == "5A")
        #expect(r.recognise("Hous. Assoc.") == "4")          // `hous.` begins one label word
        #expect(r.recognise("NBC Housing Options") == "4")   // a borough council's housing
        let e = CodeList.ethnicity
        #expect(e.recognise("Bangldeshi") == "ABAN")
        #expect(e.recognise("Black Carribbean") == "BCRB")
    }

    @Test func extendedCodesRollUpByTheDfETable() {
        let e = CodeList.ethnicity
        #expect(e.recognise("WSER") == "WOTH")
        #expect(e.recognise("OLIB") == "OOTH")
        #expect(e.recognise("MWAP") == "MWAS")
        #expect(e.recognise("AMPK") == "APKN")
        #expect(e.recognise("CTWN") == "CHNE")
        #expect(e.recognise("WENG - English") == "WBRI")
        #expect(e.recognise("D") == "BOTH")    // 2001 census group letter
    }

    @Test func ambiguousValuesAreLeftUnrecognised() {
        let r = CodeList.referralSource
        #expect(r.recognise("Police or Probation") == nil)   // two sources joined
        #expect(r.recognise("Nurseries") == nil)             // a school to some, education to others
        #expect(r.recognise("Nursery School") == "2A")
        #expect(r.recognise("External") == nil)
        #expect(CodeList.ethnicity.recognise("Black Mixed") == nil)
    }
}
