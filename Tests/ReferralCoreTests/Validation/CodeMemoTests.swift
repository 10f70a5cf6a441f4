import Testing
@testable import ReferralCore

@Suite("Code memo")
struct CodeMemoTests {
    /// What the validator does with it: find, else look up and remember.
    func code(_ memo: inout CodeMemo, _ text: String, lookUps: inout Int) -> String? {
        switch memo.find(text) {
        case .found(let code):
            return code
        case .missing(let slot):
            lookUps += 1
            let code = text.hasPrefix("bad") ? nil : "code of \(text)"
            memo.remember(text, code: code, at: slot)
            return code
        }
    }

    /// Many values share slots (a thousand in 2,048): each keeps its own code, unrecognised ones
    /// (nil) included, and each is looked up once.
    @Test func everyValueKeepsItsOwnCodeAndIsLookedUpOnce() {
        var memo = CodeMemo()
        var lookUps = 0
        let values = (0..<1000).map { $0 % 10 == 0 ? "bad \($0)" : "value \($0)" }
        for _ in 0..<3 {
            for value in values {
                #expect(code(&memo, value, lookUps: &lookUps) == (value.hasPrefix("bad") ? nil : "code of \(value)"))
            }
        }
        #expect(lookUps == values.count)
    }

    /// Memory is fixed: past the limit a new value is looked up every time, and the values
    /// remembered before still answer from the memo.
    @Test func pastTheLimitNewValuesAreLookedUpEachTime() {
        var memo = CodeMemo()
        var lookUps = 0
        for i in 0..<CodeMemo.limit { _ = code(&memo, "v\(i)", lookUps: &lookUps) }
        #expect(lookUps == CodeMemo.limit)
        for _ in 0..<3 { #expect(code(&memo, "one more", lookUps: &lookUps) == "code of one more") }
        #expect(lookUps == CodeMemo.limit + 3)
        #expect(code(&memo, "v7", lookUps: &lookUps) == "code of v7")
        #expect(lookUps == CodeMemo.limit + 3)
    }
}
