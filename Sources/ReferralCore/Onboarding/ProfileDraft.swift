/// A first draft of a partner profile from a sample extract's rows of decoded cell texts
/// (onboarding.md): the header row under any banner, columns by header words, date formats
/// from the values, the name order, and the coded values no recogniser maps. Pure: the caller
/// reads the file (`ExtractSniffer` for CSV) and writes the result.
public struct ProfileDraft: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        /// No row within the first `headerSearchRows` names two standard fields.
        case noHeaderRow
    }

    public var name: String
    /// 1-based.
    public var headerRow: Int
    /// Standard field → the header naming it, in the file's column order.
    public var columns: [(field: StandardField, header: String)]
    /// The referral date's column when no header names it but one other header says `Date` and
    /// its values are all dates (config check needs a referral date): for a person to confirm.
    public var inferredReferralDate: Bool
    /// Headers that name no standard field (or one another header names better).
    public var unused: [String]
    public var dateFormats: [String]
    /// Date values no chosen format reads, per field.
    public var unreadDates: [StandardField: Int]
    public var nameOrder: PartnerProfile.NameOrder
    /// Of the full names, how many carry a comma.
    public var namesWithComma: (comma: Int, of: Int)
    public var dataRows: Int
    public var values: [UnrecognisedValues.Entry]

    public static let headerSearchRows = 50

    static func isLetterCode(_ value: String) -> Bool {
        let text = UnrecognisedValues.trimmed(value)
        return text.count == 1 && text.first!.isLetter
    }

    /// Whether at least nine in ten of the non-empty values (and at least one) are dates.
    static func mostlyDates(_ values: [String]) -> Bool {
        let filled = values.count { !UnrecognisedValues.trimmed($0).isEmpty }
        return filled > 0 && DateFormatGuess.formats(for: values).unread * 10 <= filled
    }

    public init(name: String, rows: [[String]]) throws(Failure) {
        self.name = name
        guard let index = rows.prefix(Self.headerSearchRows).firstIndex(where: { row in
            Set(row.compactMap { HeaderVocabulary.field(for: $0)?.field }).count >= 2
        }) else { throw .noHeaderRow }
        headerRow = index + 1
        let header = rows[index]
        let data = rows[(index + 1)...].filter { row in row.contains { !UnrecognisedValues.trimmed($0).isEmpty } }
        dataRows = data.count

        // The best header per field: most words matched, then the phrase listed first, then leftmost.
        var best: [StandardField: (column: Int, words: Int, rank: Int)] = [:]
        for (column, text) in header.enumerated() {
            guard let match = HeaderVocabulary.field(for: text) else { continue }
            if let seen = best[match.field], (seen.words, -seen.rank) >= (match.words, -match.rank) { continue }
            best[match.field] = (column, match.words, match.rank)
        }
        if best[.forename] != nil || best[.surname] != nil { best[.fullName] = nil }
        let values = { (column: Int) in data.map { column < $0.count ? $0[column] : "" } }
        var formats: [String] = []
        var unread: [StandardField: Int] = [:]
        func addFormats(_ field: StandardField, _ column: Int) {
            let guess = DateFormatGuess.formats(for: values(column))
            for format in guess.formats where !formats.contains(format) { formats.append(format) }
            if guess.unread > 0 { unread[field] = guess.unread }
        }
        for field in [StandardField.referralDate, .dateOfBirth, .expectedDateOfBirth] {
            if let column = best[field]?.column { addFormats(field, column) }
        }
        inferredReferralDate = false
        if best[.referralDate] == nil, !formats.isEmpty {
            let taken = Set(best.values.map(\.column))
            let dated = header.indices.filter { column in
                !taken.contains(column) && HeaderVocabulary.words(header[column]).contains("DATE")
                    && Self.mostlyDates(values(column))
            }
            if dated.count == 1 {
                best[.referralDate] = (dated[0], 0, 0)
                inferredReferralDate = true
                addFormats(.referralDate, dated[0])
            }
        }
        dateFormats = formats
        unreadDates = unread
        let mapped = best.sorted { $0.value.column < $1.value.column }
        columns = mapped.map { ($0.key, header[$0.value.column]) }
        let used = Set(best.values.map(\.column))
        unused = header.indices.filter { !used.contains($0) && !UnrecognisedValues.trimmed(header[$0]).isEmpty }.map { header[$0] }

        if let column = best[.fullName]?.column {
            let names = values(column).filter { !UnrecognisedValues.trimmed($0).isEmpty }
            let comma = names.count { $0.contains(",") }
            namesWithComma = (comma, names.count)
            nameOrder = comma * 2 > names.count ? .surnameFirst : .forenameFirst
        } else {
            namesWithComma = (0, 0)
            nameOrder = .forenameFirst
        }

        var tally = UnrecognisedValues()
        for (field, place) in best {
            guard let list = field.codeList else { continue }
            let column = values(place.column)
            // Letters beyond the census's `A`–`E` (`J`, `N`, `Z`) say the column holds NHS ethnic
            // categories, where `B` is White Irish, not Mixed: every letter is then for a person.
            let nhsLetters = field == .ethnicity && column.contains { Self.isLetterCode($0) && list.recognise($0) == nil }
            var known: [String: Bool] = [:]
            for value in column where !UnrecognisedValues.trimmed(value).isEmpty {
                if known[value] == nil { known[value] = list.recognise(value) != nil && !(nhsLetters && Self.isLetterCode(value)) }
                if known[value] == false { tally.add(field, value) }
            }
        }
        self.values = tally.entries
    }
}
