import ReferralCore
import Testing

@Suite("Text helpers")
struct TextNormalTests {
    @Test func printableShowsEveryControlCharacterAsAQuestionMark() {
        #expect(TextNormal.printable("may\n2013\u{1B}[31m\t.csv") == "may?2013?[31m?.csv")
        #expect(TextNormal.printable("a\u{7F}b\u{85}c\u{9F}d") == "a?b?c?d", "DEL and C1 too")
        #expect(TextNormal.printable("Zoë, Łódź — 日本.csv") == "Zoë, Łódź — 日本.csv", "other text is kept")
    }
}
