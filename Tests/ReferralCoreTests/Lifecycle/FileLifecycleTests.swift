import ReferralCore
import Testing

@Suite("FileLifecycle: an intake item from first sight to archived")
struct FileLifecycleTests {
    static let seen = FileObservation(size: 10, modified: 100)

    @Test func aSettledItemIsClaimedLoadedArchivedAndForgotten() {
        var life = FileLifecycle(first: Self.seen, now: 200, settleTime: 5)
        #expect(life.initialAction == .claim)
        #expect(life.handle(.claimed) == .load)
        #expect(life.handle(.committed) == .archive(.loaded))
        #expect(life.state == .committed(.loaded))
        #expect(life.handle(.archived) == .forget)
        #expect(life.state == .archived)
    }

    @Test func anItemStillBeingWrittenWaitsUntilUnchangedForTheSettleTime() {
        var life = FileLifecycle(first: Self.seen, now: 101, settleTime: 5)
        #expect(life.initialAction == .wait)
        #expect(life.handle(.observed(FileObservation(size: 20, modified: 103), now: 104)) == .wait)
        #expect(life.handle(.observed(FileObservation(size: 20, modified: 103), now: 107)) == .wait)
        #expect(life.handle(.observed(FileObservation(size: 20, modified: 103), now: 108)) == .claim)
    }

    @Test func aRefusedItemIsArchivedAsRefusedAndNeverReloadedBeforeThat() {
        var life = FileLifecycle(first: Self.seen, now: 200, settleTime: 0)
        _ = life.handle(.claimed)
        #expect(life.handle(.refused) == .archive(.refused))
        // An archive that failed is tried again, never a load.
        #expect(life.handle(.observed(Self.seen, now: 300)) == .archive(.refused))
        #expect(life.handle(.claimed) == .archive(.refused))
    }

    @Test func failuresGiveUpAfterMaxAttemptsAndOutagesNeverDo() {
        var life = FileLifecycle(first: Self.seen, now: 200, settleTime: 0)
        _ = life.handle(.claimed)
        #expect(life.handle(.databaseUnavailable) == .wait)
        #expect(life.handle(.observed(Self.seen, now: 201)) == .claim)
        _ = life.handle(.claimed)
        #expect(life.handle(.failed(attempts: FileLifecycle.maxAttempts - 1)) == .wait)
        _ = life.handle(.observed(Self.seen, now: 202))
        _ = life.handle(.claimed)
        #expect(life.handle(.failed(attempts: FileLifecycle.maxAttempts)) == .refuseAsPoison)
        #expect(life.handle(.refused) == .archive(.refused))
    }

    @Test func aVanishedItemIsForgottenFromAnyState() {
        var life = FileLifecycle(first: Self.seen, now: 200, settleTime: 0)
        _ = life.handle(.claimed)
        #expect(life.handle(.vanished) == .forget)
        #expect(life.state == .archived)
    }
}
