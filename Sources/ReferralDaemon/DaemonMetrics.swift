import CoreMetrics
import ReferralStore
import Synchronization

/// The daemon's metrics, updated where the events happen, through swift-metrics (so whatever
/// backend `run` bootstrapped, Prometheus when `metrics:` is configured).
///
/// Labels carry partner names, statuses, outcomes, scopes and rules only: never a value from a
/// file, nor a file name.
public final class DaemonMetrics: Sendable {
    public static let filesTotal = "referrald_files_total"
    public static let rowsTotal = "referrald_rows_total"
    public static let fileDuration = "referrald_file_duration_seconds"
    public static let databaseUp = "referrald_database_up"
    public static let lastFileTimestamp = "referrald_last_file_timestamp_seconds"
    public static let alertsFiring = "referrald_alerts_firing"
    public static let meshInbox = "referrald_mesh_inbox_messages"

    /// Histogram buckets for a file's duration: small files take milliseconds, a million rows
    /// about half a minute.
    public static let durationBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
    ]

    private let factory: any MetricsFactory
    /// The (scope, rule) pairs last reported firing, so a resolved pair drops back to 0.
    private let firing = Mutex<Set<AlertStore.FiringKey>>([])

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Creates every partner's counters at 0 (so `rate()` sees the first file) and
    /// `referrald_database_up` at 0 until the database answers.
    public func prepare(partners: [String]) {
        for partner in partners {
            for status in Self.statuses { filesCounter(partner, status).increment(by: 0) }
            for outcome in Self.outcomes { rowsCounter(partner, outcome).increment(by: 0) }
        }
        _ = Timer(label: Self.fileDuration, dimensions: [], factory: factory)
    }

    /// A file of `partner` was committed (loaded, duplicate or refused) and moved.
    public func fileDone(partner: String, summary: FileSummary, duration: Duration, at time: Double) {
        filesCounter(partner, summary.status.rawValue).increment()
        rowsCounter(partner, "loaded").increment(by: summary.rowsLoaded)
        rowsCounter(partner, "rejected").increment(by: summary.rowsRejected)
        rowsCounter(partner, "duplicate").increment(by: summary.rowsDuplicate)
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        Timer(label: Self.fileDuration, dimensions: [], factory: factory).recordNanoseconds(nanoseconds)
        lastFile(partner: partner, at: time)
    }

    /// When the partner's last file was done (Unix seconds).
    public func lastFile(partner: String, at time: Double) {
        Gauge(label: Self.lastFileTimestamp, dimensions: [("partner", partner)], factory: factory).record(time)
    }

    /// Whether the database answers.
    /// A MESH partner's inbox backlog: the messages in the council's inbox at the last listing.
    public func meshInbox(partner: String, messages: Int) {
        Gauge(label: Self.meshInbox, dimensions: [("partner", partner)], factory: factory).record(messages)
    }

    public func database(up: Bool) {
        Gauge(label: Self.databaseUp, dimensions: [], factory: factory).record(up ? 1 : 0)
    }

    /// Firing alerts by scope and rule, as the alert table has them now; pairs no longer firing go to 0.
    public func alertsFiring(_ counts: [AlertStore.FiringKey: Int]) {
        let gone = firing.withLock { previous in
            let gone = previous.subtracting(counts.keys)
            previous = Set(counts.keys)
            return gone
        }
        for key in gone { firingGauge(key).record(0) }
        for (key, count) in counts { firingGauge(key).record(count) }
    }

    /// A file's ledger status.
    static let statuses = ["loaded", "duplicate", "refused"]
    /// What became of a row.
    static let outcomes = ["loaded", "rejected", "duplicate"]

    private func filesCounter(_ partner: String, _ status: String) -> Counter {
        Counter(label: Self.filesTotal, dimensions: [("partner", partner), ("status", status)], factory: factory)
    }

    private func rowsCounter(_ partner: String, _ outcome: String) -> Counter {
        Counter(label: Self.rowsTotal, dimensions: [("partner", partner), ("outcome", outcome)], factory: factory)
    }

    private func firingGauge(_ key: AlertStore.FiringKey) -> Gauge {
        Gauge(label: Self.alertsFiring, dimensions: [("scope", key.scope), ("rule", key.rule)], factory: factory)
    }
}
