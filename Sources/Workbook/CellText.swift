/// Cell values as the text the CSV rules read (extract.md, Workbooks: "Cells to text").
public enum CellText {
    /// A number as the shortest decimal that round-trips; integers without `.0`.
    public static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A number cell under its format: a date as `yyyy-MM-dd`, a padded integer, or a number.
    /// `raw` is the cell's text, kept when it is not a number.
    public static func number(raw: String, format: NumberFormat, date1904: Bool) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        switch format {
        case .general:
            return number(value)
        case .zeroPadded(let width):
            guard value.rounded() == value, value >= 0, value < 1e15 else { return number(value) }
            let digits = String(Int64(value))
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        case .date:
            return date(serial: value, date1904: date1904) ?? number(value)
        }
    }

    /// The day of a date serial as `yyyy-MM-dd`; nil when it is no day in the system.
    /// In the 1900 system serial 60 is the non-existent 29 February 1900 (Lotus's leap-year
    /// error, which Excel keeps), so it reads `1900-02-29` and fails date validation honestly.
    public static func date(serial: Double, date1904: Bool) -> String? {
        let day = serial.rounded(.down)
        guard day >= 0, day < 2_958_466 else { return nil }
        let whole = Int(day)
        let epochDays: Int
        if date1904 {
            epochDays = daysFromCivil(1904, 1, 1) + whole
        } else {
            if whole == 60 { return "1900-02-29" }
            if whole == 0 { return "1900-01-00" }
            epochDays = daysFromCivil(1899, 12, whole < 60 ? 31 : 30) + whole
        }
        let (y, m, d) = civilFromDays(epochDays)
        guard y <= 9999 else { return nil }
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// A `t="d"` cell's ISO 8601 value: its date part.
    public static func isoDate(_ raw: String) -> String {
        let bytes = Array(raw.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return raw }
        return String(decoding: bytes[0..<10], as: UTF8.self)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // Days since 1970-01-01 (H. Hinnant's civil calendar algorithms).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
