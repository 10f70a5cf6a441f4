import Testing
@testable import ReferralCore

@Suite struct FeedSilenceTests {
    static let day = 86_400.0
    static let last = 20_000 * day + 3600  // 4 October 2024, 01:00 UTC
    static let silence = FeedSilence(lastFileAt: last, limit: 35 * day)

    @Test func silentOnlyAfterTheLimit() {
        #expect(Self.silence.period.description == "2024-10-04")
        #expect(!Self.silence.holds(now: Self.last + 35 * Self.day))
        #expect(Self.silence.holds(now: Self.last + 35 * Self.day + 1))
    }

    @Test func raisedOnceWithTheHoursOfSilence() {
        let now = Self.last + 36 * Self.day
        let raised = Self.silence.decide(partner: "east", now: now, states: [:])
        #expect(raised.map(\.action) == [.raise])
        #expect(raised.first?.finding.observed == 36 * 24)
        #expect(raised.first?.finding.period == Self.silence.period)
        #expect(Self.silence.decide(partner: "east", now: now, states: [Self.silence.period: .firing]).map(\.action) == [.update])
    }

    @Test func aNewerFileResolvesTheOldSilence() {
        let old = Self.silence.period
        let newer = FeedSilence(lastFileAt: Self.last + 40 * Self.day, limit: 35 * Self.day)
        let decisions = newer.decide(partner: "east", now: Self.last + 40 * Self.day + 60, states: [old: .firing])
        #expect(decisions.map(\.action) == [.resolve])
        #expect(decisions.first?.finding.period == old)
    }
}
