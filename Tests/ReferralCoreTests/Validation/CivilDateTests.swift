import Testing
import ReferralCore

@Suite struct CivilDateTests {
    @Test func validatesRealDates() {
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2013, month: 2, day: 31) == nil)
        #expect(CivilDate(year: 2013, month: 4, day: 30) != nil)
        #expect(CivilDate(year: 2013, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2013, month: 12, day: 31) != nil)
        #expect(CivilDate(year: 2013, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2013, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2013, month: 1, day: 0) == nil)
    }

    @Test func daysSinceEpochBothWays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch == -1)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch == 11017)
        #expect(CivilDate(year: 2013, month: 5, day: 3)!.daysSinceEpoch == 15828)
        #expect(CivilDate(daysSinceEpoch: 11016) == CivilDate(year: 2000, month: 2, day: 29))
        #expect(CivilDate(daysSinceEpoch: -719_468) == CivilDate(year: 0, month: 3, day: 1))
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }

    @Test func addingDaysAndMonths() {
        let d = CivilDate(year: 2024, month: 2, day: 28)!
        #expect(d.adding(days: 1).description == "2024-02-29")
        #expect(d.adding(days: 2).description == "2024-03-01")
        #expect(d.adding(days: -59).description == "2023-12-31")
        let jan31 = CivilDate(year: 2023, month: 1, day: 31)!
        #expect(jan31.adding(months: 1).description == "2023-02-28")
        #expect(CivilDate(year: 2024, month: 1, day: 31)!.adding(months: 1).description == "2024-02-29")
        #expect(jan31.adding(months: -1).description == "2022-12-31")
        #expect(jan31.adding(months: 12).description == "2024-01-31")
        #expect(jan31.adding(months: -13).description == "2021-12-31")
        #expect(CivilDate(year: 2024, month: 2, day: 29)!.adding(months: 12).description == "2025-02-28")
    }

    @Test func isoWeeks() {
        func week(_ y: Int, _ m: Int, _ d: Int) -> String {
            let w = CivilDate(year: y, month: m, day: d)!.isoWeek
            return "\(w.year)-W\(w.week)"
        }
        #expect(week(2015, 12, 31) == "2015-W53")
        #expect(week(2016, 1, 3) == "2015-W53")   // week 1 of 2016 starts on the 4th
        #expect(week(2016, 1, 4) == "2016-W1")
        #expect(week(2020, 12, 31) == "2020-W53")
        #expect(week(2021, 1, 1) == "2020-W53")
        #expect(week(2021, 1, 4) == "2021-W1")
        #expect(week(2019, 12, 30) == "2020-W1")  // late December in next year's week 1
        #expect(week(2019, 12, 29) == "2019-W52")
        #expect(week(2013, 5, 14) == "2013-W20")
        #expect(week(2024, 12, 30) == "2025-W1")
    }

    @Test func weekdays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.weekday == 4)
        #expect(CivilDate(year: 2024, month: 1, day: 1)!.weekday == 1)
        #expect(CivilDate(year: 2024, month: 1, day: 7)!.weekday == 7)
        #expect(CivilDate(year: 1969, month: 12, day: 29)!.weekday == 1)
    }

    @Test func descriptionAndOrder() {
        #expect(CivilDate(year: 812, month: 3, day: 4)!.description == "0812-03-04")
        #expect(CivilDate(year: 2013, month: 12, day: 25)!.description == "2013-12-25")
        let a = CivilDate(year: 2013, month: 5, day: 3)!
        #expect(a < CivilDate(year: 2013, month: 5, day: 4)!)
        #expect(a < CivilDate(year: 2013, month: 6, day: 1)!)
        #expect(a < CivilDate(year: 2014, month: 1, day: 1)!)
        #expect(!(a < a))
        #expect(!(CivilDate(year: 2014, month: 1, day: 1)! < a))
    }
}
