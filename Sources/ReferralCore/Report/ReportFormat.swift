/// How the report card writes months and numbers for people (the JSON keeps raw numbers).
public enum ReportFormat {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// "May 2013".
    public static func monthName(_ month: Period) -> String {
        "\(monthNames[month.start.month - 1]) \(month.start.year)"
    }

    /// The chart axis label: "May 13".
    public static func shortMonth(_ month: Period) -> String {
        let year = month.start.year % 100
        return "\(monthNames[month.start.month - 1].prefix(3)) \(year < 10 ? "0" : "")\(year)"
    }

    /// `value` with `digits` decimals (half away from zero), no grouping: "205.3".
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled / scale)
        let negative = value < 0 && scaled > 0
        var text = (negative ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = String(Int(scaled) - whole * Int(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// A percentage with one decimal, or "-" when there is none: "24.7%".
    public static func percent(_ value: Double?) -> String {
        value.map { fixed($0, 1) + "%" } ?? "-"
    }

    /// A figure with one decimal, or "-".
    public static func decimal(_ value: Double?) -> String {
        value.map { fixed($0, 1) } ?? "-"
    }

    /// A limit or mean for a sentence beside `observed`: a whole number, unless rounding would make
    /// it read equal to `observed` (then one decimal).
    public static func limit(_ value: Double, beside observed: Int) -> String {
        let whole = fixed(value, 0)
        return whole == String(observed) ? fixed(value, 1) : whole
    }

    /// "1st", "2nd", "3rd", "4th", "11th", "21st".
    public static func ordinal(_ n: Int) -> String {
        let suffix = switch (n % 100, n % 10) {
        case (11...13, _): "th"
        case (_, 1): "st"
        case (_, 2): "nd"
        case (_, 3): "rd"
        default: "th"
        }
        return "\(n)\(suffix)"
    }
}
