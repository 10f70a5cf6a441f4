import Foundation
import ReferralCore

/// "Today" and other calendar facts in the configured time zone.
struct LocalCalendar {
    let timeZone: TimeZone

    init(identifier: String) {
        timeZone = TimeZone(identifier: identifier) ?? .gmt
    }

    /// Today in the zone; `REFERRALD_TODAY=yyyy-mm-dd` in the environment stands in for it
    /// (tests that judge alerts as of a chosen day; never set in production).
    func date() -> CivilDate {
        if let text = ProcessInfo.processInfo.environment["REFERRALD_TODAY"], let today = CivilDate(iso: text) {
            return today
        }
        return date(of: Date())
    }

    /// The civil date of `instant` in the zone.
    func date(of instant: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The instant today (the day of `instant`) began in the zone.
    func startOfDay(of instant: Date = Date()) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: instant)
    }
}
