import Prometheus
import ReferralDaemon
import ReferralStore
import Testing
import TestSupport

/// The daemon's metrics through a real Prometheus registry (not the global one).
@Suite("Daemon metrics")
struct DaemonMetricsTests {
    static func make() -> (DaemonMetrics, PrometheusCollectorRegistry) {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[DaemonMetrics.fileDuration] = DaemonMetrics.durationBuckets
        return (DaemonMetrics(factory: factory), registry)
    }

    @Test func preparedPartnersStartAtZero() {
        let (metrics, registry) = Self.make()
        metrics.prepare(partners: ["acme", "police"])
        metrics.database(up: false)
        let text = PrometheusText(registry.emitToString())
        for partner in ["acme", "police"] {
            for status in ["loaded", "duplicate", "refused"] {
                #expect(text.value("referrald_files_total{partner=\"\(partner)\",status=\"\(status)\"}") == 0)
            }
            for outcome in ["loaded", "rejected", "duplicate"] {
                #expect(text.value("referrald_rows_total{partner=\"\(partner)\",outcome=\"\(outcome)\"}") == 0)
            }
        }
        #expect(text.value("referrald_file_duration_seconds_count") == 0)
        #expect(text.value("referrald_database_up") == 0)
        #expect(text.samples("referrald_last_file_timestamp_seconds").isEmpty)
    }

    @Test func filesRowsDurationAndLastFile() {
        let (metrics, registry) = Self.make()
        var loaded = FileSummary(fileId: 1, status: .loaded)
        (loaded.rowsTotal, loaded.rowsLoaded, loaded.rowsRejected, loaded.rowsDuplicate) = (13, 10, 2, 1)
        metrics.fileDone(partner: "acme", summary: loaded, duration: .milliseconds(300), at: 1_700_000_000)
        metrics.fileDone(partner: "acme", summary: FileSummary(fileId: 2, status: .duplicate), duration: .milliseconds(20), at: 1_700_000_010)
        metrics.database(up: true)
        let text = PrometheusText(registry.emitToString())
        #expect(text.value("referrald_files_total{partner=\"acme\",status=\"loaded\"}") == 1)
        #expect(text.value("referrald_files_total{partner=\"acme\",status=\"duplicate\"}") == 1)
        #expect(text.value("referrald_rows_total{partner=\"acme\",outcome=\"loaded\"}") == 10)
        #expect(text.value("referrald_rows_total{partner=\"acme\",outcome=\"rejected\"}") == 2)
        #expect(text.value("referrald_rows_total{partner=\"acme\",outcome=\"duplicate\"}") == 1)
        #expect(text.value("referrald_file_duration_seconds_count") == 2)
        #expect(text.value("referrald_file_duration_seconds_bucket{le=\"0.05\"}") == 1)
        #expect(text.value("referrald_file_duration_seconds_bucket{le=\"0.5\"}") == 2)
        #expect(abs((text.value("referrald_file_duration_seconds_sum") ?? 0) - 0.32) < 1e-9)
        #expect(text.value("referrald_last_file_timestamp_seconds{partner=\"acme\"}") == 1_700_000_010)
        #expect(text.value("referrald_database_up") == 1)
    }

    @Test func resolvedAlertsDropToZero() {
        let (metrics, registry) = Self.make()
        let acme = AlertStore.FiringKey(scope: "acme", rule: "threshold")
        let total = AlertStore.FiringKey(scope: "total", rule: "above_upper_limit")
        metrics.alertsFiring([acme: 2, total: 1])
        var text = PrometheusText(registry.emitToString())
        #expect(text.value("referrald_alerts_firing{scope=\"acme\",rule=\"threshold\"}") == 2)
        #expect(text.value("referrald_alerts_firing{scope=\"total\",rule=\"above_upper_limit\"}") == 1)
        metrics.alertsFiring([total: 1])
        text = PrometheusText(registry.emitToString())
        #expect(text.value("referrald_alerts_firing{scope=\"acme\",rule=\"threshold\"}") == 0)
        #expect(text.value("referrald_alerts_firing{scope=\"total\",rule=\"above_upper_limit\"}") == 1)
    }
}
