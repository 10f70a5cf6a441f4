import Foundation
import Logging
import ReferralCore
@testable import ReferralDaemon
import ReferralStore
@testable import Systemd
import Testing
import TestSupport

@Suite("Alert log lines: the fixed wording, in the journal with their message ids")
struct AlertLogTests {
    static let finding = Finding(
        rule: .aboveUpperLimit, scope: "police", period: Period(.month, containing: CivilDate(year: 2013, month: 5, day: 14)!),
        holds: true, observed: 312, mean: 205.26, upperLimit: 268.14, lowerLimit: 142.3, baseline: 12)

    @Test func lineHandlerWritesTheFixedSpikeWording() {
        var metadata = AlertLog.identity(Self.finding)
        metadata["mean"] = "205.3"
        metadata["upper_limit"] = "268.1"
        metadata["baseline"] = "12"
        let keys = LineLogHandler.orderedKeys(metadata)
        let line = "referral spike " + keys.map { "\($0)=\(metadata[$0]!)" }.joined(separator: " ")
        #expect(line == "referral spike alert=above_upper_limit scope=police granularity=month period=2013-05 observed=312 mean=205.3 upper_limit=268.1 baseline=12")
    }

    @Test func journalEntryCarriesMessageIDAndFields() throws {
        let sink = try DatagramSink()
        let journal = JournalSender(environment: ["REFERRALD_JOURNAL_SOCKET": sink.path])
        var outcome = AlertEvaluation.Outcome()
        outcome.raised = [Self.finding]
        outcome.resolved = [Self.finding]
        AlertLog(logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), journal: journal).log(outcome)
        let entries = sink.receive()
        #expect(entries.count == 2)
        let raised = Set(entries[0].split(separator: "\n").map(String.init))
        #expect(raised.contains("MESSAGE=referral spike alert=above_upper_limit scope=police granularity=month period=2013-05 observed=312 mean=205.3 upper_limit=268.1 baseline=12"))
        #expect(raised.contains("PRIORITY=4"))
        #expect(raised.contains("MESSAGE_ID=\(JournalSender.spikeRaised)"))
        #expect(raised.contains("REFERRAL_SCOPE=police"))
        #expect(raised.contains("REFERRAL_PERIOD=2013-05"))
        let resolved = Set(entries[1].split(separator: "\n").map(String.init))
        #expect(resolved.contains("MESSAGE=referral spike resolved alert=above_upper_limit scope=police granularity=month period=2013-05 observed=312"))
        #expect(resolved.contains("PRIORITY=5"))
        #expect(resolved.contains("MESSAGE_ID=\(JournalSender.spikeResolved)"))
    }
}
