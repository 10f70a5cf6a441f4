/// The date formats that read a column's values (onboarding.md): every known format that parses
/// all of them, day-first against month-first decided by values over 12, UK order when nothing
/// decides.
public enum DateFormatGuess {
    /// The formats extract.md knows, each day-first one followed by its month-first twin.
    static let candidates: [(format: String, twin: String?)] = [
        ("dd/MM/yyyy", "MM/dd/yyyy"), ("d/M/yyyy", "M/d/yyyy"), ("yyyy-MM-dd", nil), ("dd-MMM-yyyy", nil),
        ("dd-MM-yyyy", "MM-dd-yyyy"), ("dd.MM.yyyy", "MM.dd.yyyy"), ("dd MMM yyyy", nil), ("yyyy/MM/dd", nil),
        ("d MMM yyyy", nil), ("dd/MM/yy", "MM/dd/yy"),
    ]

    /// The formats for one column's non-empty values: the one reading the most, then the one
    /// reading most of what is left, and so on (a column mixing `yyyy-MM-dd` and `dd/MM/yyyy`
    /// gets both); with how many values none of them reads.
    public static func formats(for values: [String]) -> (formats: [String], unread: Int) {
        var left = values.filter { !UnrecognisedValues.trimmed($0).isEmpty }
        // Day-first or month-first, decided over the whole column.
        let chosen = candidates.map { format, twin -> String in
            guard let twin else { return format }
            return count(left, twin) > count(left, format) ? twin : format
        }
        var formats: [String] = []
        while !left.isEmpty {
            let scored = chosen.filter { !formats.contains($0) }.map { ($0, count(left, $0)) }
            guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 > 0 else { break }
            formats.append(best.0)
            if let format = DateFormat(pattern: best.0) { left.removeAll { format.parse($0) != nil } }
        }
        return (formats, left.count)
    }

    private static func count(_ values: [String], _ pattern: String) -> Int {
        guard let format = DateFormat(pattern: pattern) else { return 0 }
        return values.reduce(0) { $0 + (format.parse($1) == nil ? 0 : 1) }
    }
}
