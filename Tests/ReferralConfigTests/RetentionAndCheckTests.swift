import Foundation
import Testing
@testable import ReferralConfig

/// `retention:` decoding, and `config check` naming every problem with its file and line.
@Suite("Retention settings and config check")
struct RetentionAndCheckTests {
    let locator = ProfileLocator(extraDirectories: [])

    func config(_ extra: String, partners: String = "  acme: { profile: standard }") -> String {
        ConfigFixture.yaml(extra, partners: partners)
    }

    @Test func retentionIsAbsentByDefault() throws {
        let c = try Configuration(yaml: config(""), profiles: locator)
        #expect(c.retention.isEmpty)
        #expect(c.retention.processedFiles == nil && c.retention.rejectedRows == nil && c.retention.conninfo == nil)
    }

    @Test func retentionAgesAndConninfo() throws {
        let yaml = config("retention: { processed_files: 400d, rejected_rows: 30d, conninfo: \"dbname=x user=owner\" }")
        let r = try Configuration(yaml: yaml, profiles: locator).retention
        #expect(r.processedFiles == .seconds(400 * 86_400))
        #expect(r.rejectedRows == .seconds(30 * 86_400))
        #expect(r.conninfo == "dbname=x user=owner")
        #expect(!r.isEmpty)
        let one = try Configuration(yaml: config("retention:\n  rejected_rows: 1d"), profiles: locator).retention
        #expect(one.processedFiles == nil && one.rejectedRows == .seconds(86_400))
    }

    @Test(arguments: ["400", "12h", "400x", "-1d", "36501d"])
    func badAgeNamesKeyAndLine(_ age: String) {
        #expect {
            try Configuration(yaml: config("retention:\n  processed_files: \"\(age)\""), file: "r.yaml", profiles: locator)
        } throws: { error in
            let e = error as! ConfigError
            return e.path == "retention.processed_files" && e.line == 8
        }
    }

    @Test func unknownRetentionKeyAndPasswordAreRefused() {
        #expect {
            try Configuration(yaml: config("retention:\n  processed: 400d"), profiles: locator)
        } throws: { ($0 as! ConfigError).path == "retention.processed" }
        #expect {
            try Configuration(yaml: config("retention:\n  conninfo: \"dbname=x password=secret\""), profiles: locator)
        } throws: { ($0 as! ConfigError).path == "retention.conninfo" && !"\($0)".contains("secret") }
    }

    /// A directory with a configuration and two broken profiles beside it.
    func withFiles(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/partners", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name: one\ndate_formats: [yyyy-MM-dd]\ncolumns:\n  referral_date: Date\n  shoe_size: Shoes\n"
            .write(toFile: dir + "/partners/one.yaml", atomically: true, encoding: .utf8)
        try "name: two\ncolour: blue\nencoding: klingon\n"
            .write(toFile: dir + "/partners/two.yaml", atomically: true, encoding: .utf8)
        try body(dir)
    }

    @Test func checkNamesEveryProblemWithItsFileAndLine() throws {
        try withFiles { dir in
            let yaml = """
                database:
                  conninfo: "host=/tmp dbname=x"
                  shema: referrald
                pol_interval: 5s
                drop:
                  root: /srv/referrald
                partners:
                  one: { profile: one }
                  two: { profile: two }
                  three: { profile: standard, colour: red }
                retention: { processed_files: soon }
                """
            try yaml.write(toFile: dir + "/referrald.yaml", atomically: true, encoding: .utf8)
            let result = ConfigCheck.run(path: dir + "/referrald.yaml", profiles: locator)
            #expect(result.configuration == nil)
            let text = result.problems.map(\.description)
            let expected = [
                "\(dir)/referrald.yaml:3: database.shema: unknown key",
                "\(dir)/referrald.yaml:4: pol_interval: unknown key",
                "\(dir)/referrald.yaml:10: partners.three.colour: unknown key",
                "\(dir)/referrald.yaml:11: retention.processed_files: expected a duration",
                "\(dir)/partners/one.yaml:5: columns.shoe_size: not a standard field",
                "\(dir)/partners/two.yaml:2: colour: unknown key",
                "\(dir)/partners/two.yaml:3: encoding: expected utf-8",
            ]
            for (line, prefix) in zip(text, expected) { #expect(line.hasPrefix(prefix), "\(text)") }
            #expect(text.count == expected.count, "\(text)")
        }
    }

    @Test func checkReportsTheValueErrorOfTheConfigurationToo() throws {
        try withFiles { dir in
            let yaml = """
                database:
                  conninfo: "host=/tmp dbname=x"
                drop:
                  root: /srv/referrald
                  poll_interval: often
                  pol: 1s
                partners:
                  acme: { profile: standard }
                """
            try yaml.write(toFile: dir + "/referrald.yaml", atomically: true, encoding: .utf8)
            let text = ConfigCheck.run(path: dir + "/referrald.yaml", profiles: locator).problems.map(\.description)
            #expect(text.count == 2, "\(text)")
            #expect(text.first?.hasPrefix("\(dir)/referrald.yaml:5: drop.poll_interval: expected a duration") == true, "\(text)")
            #expect(text.last?.hasPrefix("\(dir)/referrald.yaml:6: drop.pol: unknown key") == true, "\(text)")
        }
    }

    @Test func aValidConfigurationHasNoProblems() throws {
        try withFiles { dir in
            try config("retention: { processed_files: 400d }").write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
            let result = ConfigCheck.run(path: dir + "/ok.yaml", profiles: locator)
            #expect(result.problems.isEmpty)
            #expect(result.configuration?.retention.processedFiles == .seconds(400 * 86_400))
        }
    }
}
