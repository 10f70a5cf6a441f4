/// Generates standard extracts for tests: deterministic, fictional, valid unless told otherwise.
public struct ExtractFixture {
    public static let header = "partner_ref,referral_date,nhs_number,upn,la_child_id,forename,surname,date_of_birth,expected_date_of_birth,sex,ethnicity,postcode,referral_source,primary_need,reason"

    private static let forenames = ["Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur", "Freya", "Muhammad", "Zoë", "Seán"]
    private static let surnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "O'Brien"]
    private static let ethnicities = ["WBRI", "WOTH", "MWBC", "ABAN", "BAFR", "CHNE", "NOBT"]
    private static let sources = ["1A", "2A", "3A", "3E", "4", "5A", "6", "8"]

    /// A valid NHS number from the synthetic 999 range, derived from `seed`.
    public static func nhsNumber(_ seed: Int) -> String {
        var n = 999_000_000 + (seed * 7919) % 1_000_000
        while true {
            let digits = String(n).compactMap { $0.wholeNumberValue }
            let sum = zip(digits, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
            let check = 11 - sum % 11
            if check == 10 { n += 1; continue }
            return String(n) + String(check == 11 ? 0 : check)
        }
    }

    /// One valid row; `version` changes the free text, so a re-sent extract can change rows.
    public static func row(_ i: Int, version: Int = 0, month: Int = 5) -> String {
        let day = 1 + i % 28
        let birthYear = 2000 + i % 13
        return [
            "REF\(i)", "2013-\(pad(month))-\(pad(day))", nhsNumber(i), "", "",
            forenames[i % forenames.count], surnames[(i / 3) % surnames.count],
            "\(birthYear)-\(pad(1 + i % 12))-\(pad(1 + i % 27))", "",
            i % 2 == 0 ? "F" : "M", ethnicities[i % ethnicities.count], "LS\(1 + i % 20) \(i % 10)AB",
            sources[i % sources.count], "N\(i % 10)", version == 0 ? "Concern raised" : "\"Concern raised, updated \(version)\"",
        ].joined(separator: ",")
    }

    /// A whole extract of `count` rows (LF line ends, header first).
    public static func extract(rows count: Int, version: Int = 0, changedEvery: Int = 0) -> [UInt8] {
        var text = header + "\n"
        for i in 0..<count {
            let v = changedEvery > 0 && i % changedEvery == 0 ? version : 0
            text += row(i, version: v) + "\n"
        }
        return Array(text.utf8)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
