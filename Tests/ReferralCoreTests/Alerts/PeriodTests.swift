import Testing
@testable import ReferralCore

/// Months, ISO weeks and days: starts, ends, arithmetic and their printed names.
@Suite struct PeriodTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

    @Test func monthStartsOnTheFirstAndEndsOnItsLastDay() {
        let may = Period(.month, containing: Self.date(2013, 5, 14))
        #expect(may.start == Self.date(2013, 5, 1))
        #expect(may.end == Self.date(2013, 5, 31))
        #expect(may.description == "2013-05")
        #expect(Period(.month, containing: Self.date(2012, 2, 10)).end == Self.date(2012, 2, 29))
        #expect(Period(.month, containing: Self.date(2013, 2, 10)).end == Self.date(2013, 2, 28))
    }

    @Test func monthArithmeticCrossesYears() {
        let may = Period(.month, containing: Self.date(2013, 5, 14))
        #expect(may.advanced(by: 8).description == "2014-01")
        #expect(may.advanced(by: -13).description == "2012-04")
        #expect(may.distance(to: may.advanced(by: 8)) == 8)
        #expect(may.distance(to: may.advanced(by: -13)) == -13)
        #expect(may.distance(to: may) == 0)
    }

    @Test func weekStartsOnMondayAndEndsOnSunday() {
        let week = Period(.week, containing: Self.date(2013, 5, 14))  // a Tuesday
        #expect(week.start == Self.date(2013, 5, 13))
        #expect(week.end == Self.date(2013, 5, 19))
        #expect(week.description == "2013-W20")
        // A Sunday belongs to the week that began six days earlier.
        #expect(Period(.week, containing: Self.date(2013, 5, 19)).start == Self.date(2013, 5, 13))
    }

    @Test func weekNamesUseTheISOWeekYear() {
        #expect(Period(.week, containing: Self.date(2014, 12, 29)).description == "2015-W01")
        #expect(Period(.week, containing: Self.date(2014, 12, 31)).description == "2015-W01")
        #expect(Period(.week, containing: Self.date(2014, 12, 28)).description == "2014-W52")
        #expect(Period(.week, containing: Self.date(2016, 1, 3)).description == "2015-W53")
        #expect(Period(.week, containing: Self.date(2016, 1, 4)).description == "2016-W01")
    }

    @Test func weekArithmeticAcrossAYearBoundary() {
        let last2014 = Period(.week, containing: Self.date(2014, 12, 22))
        #expect(last2014.description == "2014-W52")
        let next = last2014.advanced(by: 1)
        #expect(next.start == Self.date(2014, 12, 29))
        #expect(next.description == "2015-W01")
        #expect(next.advanced(by: 1).description == "2015-W02")
        #expect(next.advanced(by: -1) == last2014)
        #expect(last2014.distance(to: next.advanced(by: 1)) == 2)
        #expect(next.advanced(by: 1).distance(to: last2014) == -2)
        #expect(last2014 < next)
    }

    @Test func dayIsItself() {
        let day = Period(.day, containing: Self.date(2013, 5, 14))
        #expect(day.start == Self.date(2013, 5, 14))
        #expect(day.end == day.start)
        #expect(day.description == "2013-05-14")
        #expect(day.advanced(by: 18).description == "2013-06-01")
        #expect(day.distance(to: day.advanced(by: -365)) == -365)
    }

    @Test func periodsOfTheSameDateAreEqual() {
        #expect(Period(.month, containing: Self.date(2013, 5, 1)) == Period(.month, containing: Self.date(2013, 5, 31)))
        #expect(Period(.week, containing: Self.date(2013, 5, 13)) == Period(.week, containing: Self.date(2013, 5, 19)))
        #expect(Period(.week, containing: Self.date(2013, 5, 19)) != Period(.week, containing: Self.date(2013, 5, 20)))
    }
}
