import ReferralCore
import Testing
@testable import ReferralStore

/// The COPY text encoder writes numbers and dates straight into its buffer; they must read as
/// `String(value)` and `CivilDate.description` do.
@Suite struct CopyTextEncoderTests {
    func row(_ fill: (inout CopyTextEncoder) -> Void) -> String {
        var e = CopyTextEncoder()
        fill(&e)
        e.endRow()
        return String(decoding: e.bytes, as: UTF8.self)
    }

    @Test func numbersAndDatesReadAsTheirText() {
        let dates = [CivilDate(year: 2024, month: 2, day: 29), CivilDate(year: 7, month: 12, day: 1), nil]
        let text = row { e in
            for n in [0, 7, 42, -3, 1_000_000, Int.max] { e.int(n) }
            for d in dates { e.date(d) }
            e.flag(0x61)
            e.text("a\tb\\c")
        }
        let expected = ["0", "7", "42", "-3", "1000000", String(Int.max)]
            + dates.map { $0?.description ?? "\\N" } + ["a", "a\\tb\\\\c"]
        #expect(text == expected.joined(separator: "\t") + "\n")
    }
}
