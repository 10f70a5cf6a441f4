import Testing
import ReferralCore
@testable import ReferralConfig

@Suite("Configuration: the report section")
struct ReportConfigurationTests {
    let locator = ProfileLocator(extraDirectories: [])

    func yaml(_ report: String) -> String { ConfigFixture.yaml(report) }

    @Test func benchmarksDefaultToEnglandsFigures() throws {
        let config = try Configuration(yaml: yaml(""), profiles: locator)
        #expect(config.report.population0to17 == nil)
        #expect(config.report.benchmarks == [
            Benchmark(name: "England 2012-13", ratePer10000: 520.4, reReferralPercent: 24.7),
            Benchmark(name: "England 2023-24", ratePer10000: 518.3, reReferralPercent: 22.4),
        ])
    }

    @Test func benchmarksAreReplacedOrEmptied() throws {
        let config = try Configuration(yaml: yaml("""
            report:
              population_0_17: 61000
              benchmarks:
                - { name: "Statistical neighbours 2023-24", rate_per_10000: 480, re_referral_percent: 19.5 }
            """), profiles: locator)
        #expect(config.report.population0to17 == 61_000)
        #expect(config.report.benchmarks == [Benchmark(name: "Statistical neighbours 2023-24", ratePer10000: 480, reReferralPercent: 19.5)])
        let none = try Configuration(yaml: yaml("report:\n  benchmarks: []"), profiles: locator)
        #expect(none.report.benchmarks.isEmpty)
    }

    @Test(arguments: [
        ("- { name: x, rate_per_10000: 1 }", "report.benchmarks.0", "missing key 're_referral_percent'"),
        ("- { name: x, rate_per_10000: 1, re_referral_percent: 101 }", "report.benchmarks.0.re_referral_percent", "out of range"),
        ("- { name: x, rate_per_10000: lots, re_referral_percent: 1 }", "report.benchmarks.0.rate_per_10000", "expected a number"),
        ("- { name: x, rate_per_10000: 1, re_referral_percent: 1, year: 2024 }", "report.benchmarks.0.year", "unknown key"),
        ("{ name: x }", "report.benchmarks", "expected a list"),
    ])
    func badBenchmarksNameTheKey(_ entry: String, _ path: String, _ message: String) {
        #expect {
            try Configuration(yaml: yaml("report:\n  benchmarks:\n    \(entry)"), file: "r.yaml", profiles: locator)
        } throws: { error in
            let e = error as! ConfigError
            return e.path == path && e.description.contains(message) && e.line != nil
        }
    }
}
