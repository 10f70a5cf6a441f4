/// A partner's coded value broken into upper-case words, for the recognisers.
///
/// Letters and digits form words; `&` is the word `AND`; apostrophes are dropped
/// (`Children's` → `CHILDRENS`); everything else separates words. A leading list marker
/// (`q)`, `p1)`, `01)`, `(CS)`, `(A.A1)`) is split off into `marker`.
struct CodeText {
    /// The words after the marker, upper case.
    var words: [String]
    /// Whether each word was all upper case as sent (a code written inside a label).
    var sentUpper: [Bool]
    /// The words of a leading list marker, upper case (empty when there is none).
    var marker: [String]
    /// The words that were inside `[…]` or `(…)`, upper case.
    var bracketed: Set<String>
    /// The indices of words written shortened, with a full stop (`hous.` in `hous. assoc.`).
    var abbreviated: Set<Int>

    init(_ value: String) {
        var bytes = Array(value.utf8)
        // Drop leading quote-like and decoration characters (`‘6`, `~IRISH`, `- Not Stated`).
        var start = 0
        while start < bytes.count {
            let b = bytes[start]
            if ASCII.isSpace(b) || b == UInt8(ascii: "~") || b == UInt8(ascii: "'") || b == UInt8(ascii: "\"")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "*") {
                start += 1
            } else if b == 0xE2, start + 2 < bytes.count, bytes[start + 1] == 0x80 {
                start += 3 // ‘ ’ “ ” – —
            } else {
                break
            }
        }
        bytes.removeFirst(start)
        marker = []
        // A list marker: up to 6 letters, digits or dots closed by `)`, optionally opened by `(`.
        var i = bytes.first == UInt8(ascii: "(") ? 1 : 0
        let openedAt = i
        while i < bytes.count, i - openedAt < 7,
              ASCII.isLetter(bytes[i]) || ASCII.isDigit(bytes[i]) || bytes[i] == UInt8(ascii: ".") { i += 1 }
        if i > openedAt, i < bytes.count, bytes[i] == UInt8(ascii: ")") {
            marker = CodeText.split(bytes[openedAt..<i]).words
            bytes.removeFirst(i + 1)
        }
        let parts = CodeText.split(bytes[...])
        words = parts.words
        sentUpper = parts.upper
        bracketed = parts.bracketed
        abbreviated = parts.abbreviated
    }

    private static func split(_ bytes: ArraySlice<UInt8>)
        -> (words: [String], upper: [Bool], bracketed: Set<String>, abbreviated: Set<Int>) {
        var abbreviated: Set<Int> = []
        var words: [String] = []
        var upper: [Bool] = []
        var bracketed: Set<String> = []
        var current: [UInt8] = []
        var currentUpper = true
        var depth = 0
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(decoding: current, as: UTF8.self)
            words.append(word)
            upper.append(currentUpper)
            if depth > 0 { bracketed.insert(word) }
            current.removeAll(keepingCapacity: true)
            currentUpper = true
        }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if ASCII.isLetter(b) || ASCII.isDigit(b) {
                if b &- 0x61 < 26 { currentUpper = false }
                current.append(ASCII.upper(b))
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "`") {
                // Apostrophe: joins `CHILDREN` and `S`.
            } else if b == 0xE2, i + 2 < bytes.endIndex, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {
                i += 2 // ’
            } else {
                if b == UInt8(ascii: "."), !current.isEmpty { abbreviated.insert(words.count) }
                flush()
                switch b {
                case UInt8(ascii: "&"): words.append("AND"); upper.append(true)
                case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"): depth = max(0, depth - 1)
                default: break
                }
            }
            i += 1
        }
        flush()
        return (words, upper, bracketed, abbreviated)
    }

    /// The text without its first word (see `keepingWords`).
    func droppingFirstWord() -> CodeText {
        keepingWords { $0 > 0 }
    }

    /// The text with only the words whose index `keep` accepts, every per-word index moved with
    /// the words (an abbreviation's index left behind read past the end: found twice by
    /// scripts/fuzz CodeList).
    func keepingWords(where keep: (Int) -> Bool) -> CodeText {
        var rest = self
        rest.words = []
        rest.sentUpper = []
        rest.abbreviated = []
        for i in words.indices where keep(i) {
            if abbreviated.contains(i) { rest.abbreviated.insert(rest.words.count) }
            rest.words.append(words[i])
            rest.sentUpper.append(sentUpper[i])
        }
        return rest
    }

    /// Index of the first occurrence of `phrase` (consecutive words) at or after `from`.
    func find(_ phrase: [String], from: Int = 0) -> Int? {
        guard !phrase.isEmpty, words.count >= phrase.count else { return nil }
        var i = from
        while i + phrase.count <= words.count {
            if words[i] == phrase[0], zip(words[i...], phrase).allSatisfy({ $0 == $1 }) { return i }
            i += 1
        }
        return nil
    }

    func has(_ phrase: String) -> Bool { find(phrase.split(separator: " ").map(String.init)) != nil }

    /// Whether the word at `index` is negated by one of the two words before it
    /// (`not`, `excluding`, `apart from`, `other than`…), or by `non` just before it
    /// (`Non-resident relative` is a relative; `Non Notts Local Authority` is a local authority).
    func isNegated(at index: Int) -> Bool {
        let negators: Set<String> = ["NOT", "EXCLUDING", "EXCL", "EXCLUDE", "EXCLUDES", "EXCEPT", "THAN", "NO", "NONE"]
        if index > 0, words[index - 1] == "NON" { return true }
        for j in max(0, index - 2)..<index {
            if negators.contains(words[j]) { return true }
            // `apart from`, `aside from`; a bare `from` (`Step up from early help`) names the source.
            if words[j] == "FROM", j > 0, words[j - 1] == "APART" || words[j - 1] == "ASIDE" { return true }
        }
        return false
    }
}
