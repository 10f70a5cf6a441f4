import Foundation
import ReferralCore

/// "Today" and other calendar facts in the configured time zone.
struct LocalCalendar {
    let timeZone: TimeZone

    init(identifier: String) {
        timeZone = TimeZone(identifier: identifier) ?? .gmt
    }

    /// The civil date of `instant` in the zone.
    func date(of instant: Date = Date()) -> CivilDate {
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
