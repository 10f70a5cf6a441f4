import Foundation
import Logging
import ReferralCore
@testable import Systemd
import Testing
import TestSupport

@Suite("journald native protocol, sd_notify, log lines")
struct SystemdTests {
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
