import Foundation
import Logging
import ReferralCore
@testable import ReferralDaemon
import ReferralStore
import Testing

@Suite("Alert log lines, journald native protocol, sd_notify")
struct JournalAndNotifyTests {
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

    @Test func withoutJournaldNothingIsSent() {
        #expect(!JournalSender(environment: [:]).send(level: .warning, message: "x", metadata: [:], messageID: "id"))
    }

    @Test func notifierSpeaksTheProtocolAndRateLimitsTheWatchdog() throws {
        let sink = try DatagramSink()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": sink.path, "WATCHDOG_USEC": "10000000"])
        notifier.ready(status: "idle; 0 files today")
        notifier.status("loading police/may.csv")
        notifier.status("loading police/may.csv")
        notifier.watchdog()
        notifier.watchdog()
        notifier.stopping()
        #expect(sink.receive() == ["READY=1\nSTATUS=idle; 0 files today", "STATUS=loading police/may.csv", "WATCHDOG=1", "STOPPING=1\nSTATUS=stopping"])
    }

    @Test func notifierWithoutSocketIsSilentAndAbstractNamesAreAccepted() {
        #expect(!SystemdNotifier(environment: [:]).isActive)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "@referrald-test"]).isActive)
    }

    @Test func fileNamesAreSanitisedForLogs() {
        #expect(LogSafe.fileName("/x/may\n2013\u{1B}[31m.csv") == "may?2013?[31m.csv")
        #expect(LineLogHandler.value("two words") == "\"two words\"")
        #expect(LineLogHandler.value("a\"b") == "\"a\\\"b\"")
        #expect(LineLogHandler.clean("line\nbreak\t") == "line?break?")
    }

    @Test(arguments: [(Logger.Level.error, 3), (.warning, 4), (.notice, 5), (.info, 6), (.debug, 7)])
    func syslogPriorities(_ level: Logger.Level, _ priority: Int) {
        #expect(LineLogHandler.priority(level) == priority)
    }
}
