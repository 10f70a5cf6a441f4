import Testing
@testable import ReferralCore

/// alerts.md, *Coverage*: spans join into stretches, and which periods they make known.
@Suite struct CoverageTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }
    static func span(_ a: CivilDate, _ b: CivilDate) -> DateSpan { DateSpan(a, b) }
    static func month(_ y: Int, _ m: Int) -> Period { Period(.month, containing: d(y, m, 1)) }
    static let today = d(2026, 9, 16)
    /// An old file, so the partner's history starts long before the periods judged here.
    static let old = span(d(2025, 1, 6), d(2025, 1, 31))

    /// Coverage of `spans` after the old file.
    static func c(_ spans: DateSpan...) -> Coverage { Coverage(spans: [old] + spans) }

    @Test func spansJoinUnlessSevenDaysWithoutAReferralSeparateThem() {
        // 6 days without a referral (2..7 June) join; 7 days (9..15 July) do not.
        let c = Coverage(spans: [Self.span(Self.d(2026, 6, 8), Self.d(2026, 7, 8)), Self.span(Self.d(2026, 5, 1), Self.d(2026, 6, 1)),
                                 Self.span(Self.d(2026, 7, 16), Self.d(2026, 7, 20))])
        #expect(c.stretches == [Self.span(Self.d(2026, 5, 1), Self.d(2026, 7, 8)), Self.span(Self.d(2026, 7, 16), Self.d(2026, 7, 20))])
        #expect(c.firstDate == Self.d(2026, 5, 1) && c.lastDate == Self.d(2026, 7, 20))
    }

    @Test func overlappingAndContainedSpansJoin() {
        let c = Coverage(spans: [Self.span(Self.d(2026, 1, 1), Self.d(2026, 3, 31)), Self.span(Self.d(2026, 2, 1), Self.d(2026, 2, 10)),
                                 Self.span(Self.d(2026, 3, 1), Self.d(2026, 4, 30))])
        #expect(c.stretches == [Self.span(Self.d(2026, 1, 1), Self.d(2026, 4, 30))])
    }

    @Test func aClosedMonthIsKnownWithinTheAllowanceAtEitherEnd() {
        let august = Self.month(2026, 8)
        #expect(Self.c(Self.span(Self.d(2026, 8, 4), Self.d(2026, 8, 28))).knows(august, today: Self.today, allowance: 3))
        #expect(!Self.c(Self.span(Self.d(2026, 8, 5), Self.d(2026, 8, 31))).knows(august, today: Self.today, allowance: 3))
        #expect(!Self.c(Self.span(Self.d(2026, 8, 1), Self.d(2026, 8, 27))).knows(august, today: Self.today, allowance: 3))
        #expect(Self.c(Self.span(Self.d(2026, 8, 1), Self.d(2026, 8, 27))).knows(august, today: Self.today, allowance: 4))
        // Two stretches each covering part of the month: not known.
        let split = Self.c(Self.span(Self.d(2026, 8, 1), Self.d(2026, 8, 10)), Self.span(Self.d(2026, 8, 20), Self.d(2026, 8, 31)))
        #expect(split.stretches.count == 3)
        #expect(!split.knows(august, today: Self.today, allowance: 3))
    }

    @Test func aClosedWeekOrDayOnlyWhollyInsideAStretch() {
        let week = Period(.week, containing: Self.d(2026, 8, 10))  // Monday 10 to Sunday 16 August
        #expect(Self.c(Self.span(Self.d(2026, 8, 10), Self.d(2026, 8, 16))).knows(week, today: Self.today, allowance: 3))
        #expect(!Self.c(Self.span(Self.d(2026, 8, 10), Self.d(2026, 8, 15))).knows(week, today: Self.today, allowance: 3))
        #expect(!Self.c(Self.span(Self.d(2026, 8, 11), Self.d(2026, 8, 20))).knows(week, today: Self.today, allowance: 3))
        let c = Self.c(Self.span(Self.d(2026, 8, 1), Self.d(2026, 8, 12)))
        #expect(c.knows(Period(.day, containing: Self.d(2026, 8, 12)), today: Self.today, allowance: 3))
        #expect(!c.knows(Period(.day, containing: Self.d(2026, 8, 13)), today: Self.today, allowance: 3))
    }

    @Test func thePeriodInProgressIsKnownOnceAStretchReachesItsFirstDay() {
        let september = Self.month(2026, 9)
        #expect(!Self.c(Self.span(Self.d(2026, 8, 1), Self.d(2026, 8, 31))).knows(september, today: Self.today, allowance: 3))
        #expect(Self.c(Self.span(Self.d(2026, 8, 1), Self.d(2026, 9, 1))).knows(september, today: Self.today, allowance: 3))
        #expect(Self.c(Self.span(Self.d(2026, 9, 3), Self.d(2026, 9, 10))).knows(september, today: Self.today, allowance: 3))
        let week = Period(.week, containing: Self.today)  // Monday 14 September
        #expect(Self.c(Self.span(Self.d(2026, 9, 1), Self.d(2026, 9, 14))).knows(week, today: Self.today, allowance: 3))
        #expect(!Self.c(Self.span(Self.d(2026, 9, 15), Self.d(2026, 9, 16))).knows(week, today: Self.today, allowance: 3))
        // A period not begun is never known, whatever the files say.
        #expect(!Self.c(Self.span(Self.d(2026, 9, 1), Self.d(2026, 12, 31))).knows(Self.month(2026, 10), today: Self.today, allowance: 3))
    }

    @Test func historyStartsAtTheFirstReferral() {
        // A partner whose first referral is on 20 August: August is known from there.
        let c = Coverage(spans: [Self.span(Self.d(2026, 8, 20), Self.d(2026, 9, 10))])
        #expect(c.knows(Self.month(2026, 8), today: Self.today, allowance: 3))
        #expect(!c.knows(Self.month(2026, 7), today: Self.today, allowance: 3))
        #expect(!Coverage(spans: []).knows(Self.month(2026, 8), today: Self.today, allowance: 3))
    }

    @Test func reachesLooksAtTheWholeHistory() {
        let c = Coverage(spans: [Self.span(Self.d(2025, 1, 1), Self.d(2025, 3, 31)), Self.span(Self.d(2026, 1, 1), Self.d(2026, 1, 31))])
        #expect(c.reaches(from: Self.d(2025, 6, 1), to: Self.d(2025, 7, 1)))  // between two stretches
        #expect(!c.reaches(from: Self.d(2026, 2, 1), to: Self.d(2026, 9, 1)))
        #expect(!c.reaches(from: Self.d(2024, 1, 1), to: Self.d(2024, 12, 31)))
    }
}
