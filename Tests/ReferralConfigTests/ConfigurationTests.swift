import Testing
import ReferralCore
@testable import ReferralConfig

@Suite("Configuration decoding")
struct ConfigurationTests {
    let locator = ProfileLocator(extraDirectories: [])

    let valid = """
        database:
          conninfo: "host=/tmp dbname=x"
        drop:
          root: /srv/referrald
          poll_interval: 500ms
          settle_time: 2m
        partners:
          acme: { profile: standard }
        alerts:
          min_count: 5
          thresholds: { acme: { month: 250 } }
          feed_silent: { acme: 2d }
        """

    @Test func decodesAValidFileWithDefaults() throws {
        let config = try Configuration(yaml: valid, profiles: locator)
        #expect(config.database.schema == "referrald")
        #expect(config.timezone == "Europe/London")
        #expect(config.drop.pollInterval == .milliseconds(500))
        #expect(config.drop.settleTime == .seconds(120))
        #expect(config.drop.maxFileSize == 2 << 30)
        #expect(config.partners.map(\.name) == ["acme"])
        #expect(config.partners[0].profile == .standard)
        #expect(config.alerts.spike.minCount == 5)
        #expect(config.alerts.spike.runLength == 7)
        #expect(config.alerts.spike.thresholds["acme"]?[.month] == 250)
        #expect(config.alerts.feedSilent["acme"] == .seconds(2 * 86_400))
        #expect(config.alerts.feedSilentLimit(for: "acme") == .seconds(2 * 86_400))
        #expect(config.alerts.spike.coverageGap == 3)
    }

    @Test func feedSilentIsOnByDefaultAndCanBeTurnedOff() throws {
        let plain = valid.replacingOccurrences(of: "feed_silent: { acme: 2d }", with: "min_increase: 0.2")
        #expect(try Configuration(yaml: plain, profiles: locator).alerts.feedSilentLimit(for: "acme") == .seconds(35 * 86_400))
        let off = valid.replacingOccurrences(of: "feed_silent: { acme: 2d }", with: "feed_silent: off")
        #expect(try Configuration(yaml: off, profiles: locator).alerts.feedSilentLimit(for: "acme") == nil)
        let partnerOff = valid.replacingOccurrences(of: "feed_silent: { acme: 2d }", with: "feed_silent: { default: 10d, acme: off }\n  coverage_gap: 5d")
        let config = try Configuration(yaml: partnerOff, profiles: locator)
        #expect(config.alerts.feedSilentLimit(for: "acme") == nil)
        #expect(config.alerts.feedSilentDefault == .seconds(10 * 86_400))
        #expect(config.alerts.spike.coverageGap == 5)
        let wrong = valid.replacingOccurrences(of: "feed_silent: { acme: 2d }", with: "feed_silent: { nobody: off }")
        #expect(throws: ConfigError.self) { try Configuration(yaml: wrong, profiles: locator) }
        let bad = valid.replacingOccurrences(of: "feed_silent: { acme: 2d }", with: "feed_silent: sometimes")
        #expect(throws: ConfigError.self) { try Configuration(yaml: bad, profiles: locator) }
    }

    @Test func unknownKeyNamesPathAndLine() {
        let yaml = valid.replacingOccurrences(of: "  settle_time: 2m", with: "  settle_time: 2m\n  setle: 1s")
        #expect {
            try Configuration(yaml: yaml, file: "x.yaml", profiles: locator)
        } throws: { error in
            let e = error as! ConfigError
            return e.path == "drop.setle" && e.line == 7 && e.description.hasPrefix("x.yaml:7: drop.setle: unknown key")
        }
    }

    @Test(arguments: ["10", "5 s", "1w", "-5s", "s", "1.5s"])
    func badDurationIsAnError(_ text: String) {
        let yaml = valid.replacingOccurrences(of: "poll_interval: 500ms", with: "poll_interval: \"\(text)\"")
        #expect {
            try Configuration(yaml: yaml, profiles: locator)
        } throws: { ($0 as! ConfigError).path == "drop.poll_interval" }
    }

    @Test func wrongTypeIsAnError() {
        let yaml = valid.replacingOccurrences(of: "min_count: 5", with: "min_count: many")
        #expect {
            try Configuration(yaml: yaml, profiles: locator)
        } throws: { ($0 as! ConfigError).path == "alerts.min_count" }
    }

    @Test func outOfRangeIsAnError() {
        let yaml = valid.replacingOccurrences(of: "min_count: 5", with: "min_count: -1")
        #expect {
            try Configuration(yaml: yaml, profiles: locator)
        } throws: { ($0 as! ConfigError).message.contains("out of range") }
    }

    @Test func passwordInConninfoIsRefused() {
        let yaml = valid.replacingOccurrences(of: "dbname=x", with: "dbname=x password=secret")
        #expect {
            try Configuration(yaml: yaml, profiles: locator)
        } throws: { error in
            let e = error as! ConfigError
            return e.path == "database.conninfo" && !e.description.contains("secret")
        }
    }

    @Test func partnerNameMustBeADirectoryName() {
        let yaml = valid.replacingOccurrences(of: "  acme: { profile: standard }", with: "  \"../etc\": { profile: standard }")
        #expect(throws: ConfigError.self) { try Configuration(yaml: yaml, profiles: locator) }
    }

    @Test func unknownProfileIsAnError() {
        let yaml = valid.replacingOccurrences(of: "profile: standard", with: "profile: nosuch")
        #expect {
            try Configuration(yaml: yaml, profiles: locator)
        } throws: { ($0 as! ConfigError).path == "partners.acme.profile" }
    }

    @Test func thresholdForUnknownPartnerIsAnError() {
        let yaml = valid.replacingOccurrences(of: "thresholds: { acme:", with: "thresholds: { nobody:")
        #expect {
            try Configuration(yaml: yaml, profiles: locator)
        } throws: { ($0 as! ConfigError).path == "alerts.thresholds.nobody" }
    }

    @Test func invalidYAMLGivesALine() {
        #expect {
            try Configuration(yaml: "database:\n  conninfo: [unclosed\n", file: "bad.yaml", profiles: locator)
        } throws: { ($0 as! ConfigError).line != nil }
    }

    @Test(arguments: [("500ms", Duration.milliseconds(500)), ("10s", .seconds(10)), ("5m", .seconds(300)), ("1h", .seconds(3600)), ("2d", .seconds(172_800))])
    func durations(_ text: String, _ expected: Duration) {
        #expect(ConfigDuration.parse(text) == expected)
    }
}
