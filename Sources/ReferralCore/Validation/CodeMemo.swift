/// The codes a coded field's values meant: extracts repeat a handful of values millions of
/// times, so the lookup (profile `values`, then the recognisers) runs once per distinct value.
///
/// An open-addressing table with a cheap hash of the value's bytes (the standard library's
/// seeded hash of a `String` cost more than the rest of the lookup). Memory is fixed: once
/// `limit` values are remembered, a new value is looked up every time it comes.
struct CodeMemo: Sendable {
    static let slotCount = 2048
    static let limit = slotCount / 2

    /// What `find` found: the code remembered for the value, or where to remember it.
    enum Lookup {
        case found(String?)
        case missing(slot: Int)
    }

    /// The value in each slot; "" for none (a blank value is never looked up). Allocated on
    /// first use.
    private var values: [String] = []
    private var codes: [String?] = []
    private var count = 0

    /// The code remembered for `text` (not blank).
    mutating func find(_ text: String) -> Lookup {
        if values.isEmpty {
            values = Array(repeating: "", count: Self.slotCount)
            codes = Array(repeating: nil, count: Self.slotCount)
        }
        var slot = Int(truncatingIfNeeded: KeyFilter.hash(text)) & (Self.slotCount - 1)
        while !values[slot].isEmpty {
            if values[slot] == text { return .found(codes[slot]) }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return .missing(slot: slot)
    }

    /// Remembers the code of `text`, which `find` said was missing at `slot` (until `limit`).
    mutating func remember(_ text: String, code: String?, at slot: Int) {
        guard count < Self.limit else { return }
        values[slot] = text
        codes[slot] = code
        count += 1
    }
}
