import Testing
@testable import ReferralConfig

@Suite("Configuration: metrics")
struct MetricsSettingsTests {
    let locator = ProfileLocator(extraDirectories: [])

    func yaml(_ metrics: String) -> String { ConfigFixture.yaml(metrics) }

    @Test func absentMeansNoEndpoint() throws {
        #expect(try Configuration(yaml: yaml(""), profiles: locator).metrics == nil)
    }

    @Test func loopbackIPv4AndIPv6AreAccepted() throws {
        let v4 = try Configuration(yaml: yaml("metrics: { listen: \"127.0.0.1:9464\" }"), profiles: locator).metrics
        #expect(v4?.host == "127.0.0.1")
        #expect(v4?.port == 9464)
        #expect(v4?.family == .ipv4)
        let v6 = try Configuration(yaml: yaml("metrics:\n  listen: \"[::1]:9100\""), profiles: locator).metrics
        #expect(v6?.host == "::1")
        #expect(v6?.port == 9100)
        #expect(v6?.family == .ipv6)
        #expect(MetricsSettings(listen: "127.1.2.3:1")?.host == "127.1.2.3")
    }

    /// Anything but a loopback literal with a port 1…65535 is refused, naming the key and line.
    @Test(arguments: [
        "0.0.0.0:9464", "10.0.0.1:9464", "192.168.1.5:9464", "[::]:9464", "[2001:db8::1]:9464", "localhost:9464",
        "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:94a", "127.0.0.01:9464", "127.0.0:9464",
        "::1:9464", "[::1]9464", ":9464", "",
    ])
    func nonLoopbackOrBadAddressIsAnError(_ listen: String) {
        #expect {
            try Configuration(yaml: yaml("metrics:\n  listen: \"\(listen)\""), file: "r.yaml", profiles: locator)
        } throws: { error in
            let e = error as! ConfigError
            return e.path == "metrics.listen" && e.line == 8 && e.description.hasPrefix("r.yaml:8: metrics.listen: expected a loopback address")
        }
    }

    @Test func unknownKeyUnderMetricsIsAnError() {
        #expect {
            try Configuration(yaml: yaml("metrics:\n  listen: \"127.0.0.1:9464\"\n  path: /m"), file: "r.yaml", profiles: locator)
        } throws: { error in
            let e = error as! ConfigError
            return e.path == "metrics.path" && e.line == 9 && e.message.hasPrefix("unknown key")
        }
    }

    @Test func missingListenIsAnError() {
        #expect {
            try Configuration(yaml: yaml("metrics: {}"), profiles: locator)
        } throws: { ($0 as! ConfigError).message == "missing key 'listen'" }
    }
}
