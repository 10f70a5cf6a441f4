/// The words of one code list's labels, and the reading of a partner's word as one of them:
/// the word itself, its plural (`AGENCIES` → `AGENCY`, `SCHOOLS` → `SCHOOL`), or a typo of it
/// within a small edit distance (`UNKOWN`, `AQUAINTANCE`, `CAHMS`, `JAFCASS`).
///
/// A typo is read only when it is unambiguous: the word is not itself a label word, it has at
/// least five letters, and exactly one label word is nearest within the distance (one edit, a swap
/// of neighbours counting as one, one vowel for another as two; two edits from nine letters on;
/// the first letter kept). Short words (`HV`, `SW`) and
/// codes are never corrected, so a council's private code never turns into a label.
struct LabelVocabulary: Sendable {
    private let words: Set<String>
    private let byLength: [Int: [[UInt8]]]

    init<S: Sequence>(_ phrases: S) where S.Element == String {
        var words: Set<String> = []
        for phrase in phrases {
            for word in phrase.split(separator: " ") where word.allSatisfy(\.isLetter) { words.insert(String(word)) }
        }
        self.words = words
        var byLength: [Int: [[UInt8]]] = [:]
        for word in words.sorted() { byLength[word.utf8.count, default: []].append(Array(word.utf8)) }
        self.byLength = byLength
    }

    func contains(_ word: String) -> Bool { words.contains(word) }

    /// The label word `word` stands for, or `nil` when it stands for none (or for more than one).
    func reading(of word: String) -> String? {
        if words.contains(word) { return word }
        let bytes = Array(word.utf8)
        guard bytes.count >= 5, bytes.allSatisfy(ASCII.isLetter) else { return nil }
        if word.hasSuffix("IES"), words.contains(word.dropLast(3) + "Y") { return word.dropLast(3) + "Y" }
        if word.hasSuffix("S"), words.contains(String(word.dropLast())) { return String(word.dropLast()) }
        let allowed = bytes.count >= 9 ? 2 : 1
        // The nearest label word; two at the same distance and the word stands for neither.
        var found: [UInt8]?
        var best = allowed + 1
        var tied = false
        for length in (bytes.count - allowed)...(bytes.count + allowed) {
            // A typo keeps the first letter, or changes only it in a long word (`JAFCASS`): a word
            // one letter longer or shorter at its start is another word (`FASIAN` is not `ASIAN`).
            for candidate in byLength[length] ?? []
            where candidate[0] == bytes[0] || (length == bytes.count && length >= 7 && candidate[1...] == bytes[1...]) {
                let d = LabelVocabulary.distance(bytes, candidate, limit: allowed)
                if d < best {
                    (found, best, tied) = (candidate, d, false)
                } else if d == best, d <= allowed {
                    tied = true
                }
            }
        }
        if tied { return nil }
        return found.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func isVowel(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "A") || b == UInt8(ascii: "E") || b == UInt8(ascii: "I") || b == UInt8(ascii: "O") || b == UInt8(ascii: "U")
    }

    /// Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours),
    /// giving up with `limit + 1` as soon as it must exceed `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var best = i
            for j in 1...b.count {
                // One vowel for another often makes another real word (`STRONGER`, `STRANGER`):
                // it counts as two edits.
                let cost = a[i - 1] == b[j - 1] ? 0 : isVowel(a[i - 1]) && isVowel(b[j - 1]) ? 2 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                best = min(best, d)
            }
            if best > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}

extension CodeText {
    /// This text with every word read through `vocabulary` (a word it cannot read stays as sent).
    func read(through vocabulary: LabelVocabulary) -> CodeText {
        var copy = self
        for (i, word) in words.enumerated() {
            guard let label = vocabulary.reading(of: word), label != word else { continue }
            copy.words[i] = label
            if bracketed.contains(word) { copy.bracketed.insert(label) }
        }
        return copy
    }
}
