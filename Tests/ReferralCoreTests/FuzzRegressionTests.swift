import Foundation
import FuzzTargets
import ReferralCore
import Testing

/// Replays what fuzzing found through the harnesses' own code paths and invariants
/// (`FuzzTarget`): every input kept under `Fuzz/regressions/<harness>/` (crashes `scripts/fuzz`
/// copied there, and minimized interesting inputs), plus the seed corpus the script starts from
/// (the shipped samples, cut to the harness's `-max_len`). An input that broke a harness once
/// keeps failing here until the bug is fixed, without building the fuzzers.
@Suite struct FuzzRegressionTests {
    static let packageRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/", !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }()

    /// The files directly in `directory`, sorted by name; empty when it does not exist.
    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0) }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    static func regressions(_ target: FuzzTarget) -> [URL] {
        files(in: packageRoot.appendingPathComponent("Fuzz/regressions/\(target.rawValue)"))
    }

    /// `samples/*/*.csv`, as `scripts/fuzz` seeds the byte-level harnesses.
    static func seeds(_ target: FuzzTarget) -> [URL] {
        guard target.seedsFromSamples else { return [] }
        let samples = packageRoot.appendingPathComponent("samples")
        let partners = ((try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []).sorted()
        return partners.flatMap { files(in: samples.appendingPathComponent($0)) }.filter { $0.pathExtension == "csv" }
    }

    @Test("every kept input and seed passes the harness's invariants", arguments: FuzzTarget.allCases)
    func keptInputsHold(_ target: FuzzTarget) throws {
        let regressions = Self.regressions(target)
        #expect(!regressions.isEmpty, "no input kept in Fuzz/regressions/\(target.rawValue)/")
        let seeds = Self.seeds(target)
        #expect(target.seedsFromSamples == !seeds.isEmpty, "seed corpus: \(seeds.count) samples")
        for url in regressions {
            let bytes = Array(try Data(contentsOf: url))
            #expect(target.violations(bytes) == [], "\(target.rawValue): \(url.lastPathComponent)")
        }
        for url in seeds {
            let bytes = Array(try Data(contentsOf: url).prefix(target.maxLength))
            #expect(target.violations(bytes) == [], "\(target.rawValue): seed \(url.lastPathComponent)")
        }
    }

    /// The invariants are not vacuous: a record the database would refuse is reported.
    @Test func recordInvariantsCatchABrokenRecord() {
        let date = CivilDate(year: 2013, month: 5, day: 1)!
        let good = StandardRecord(partnerRef: "R1", referralDate: date, nhsNumber: "9990000018", sex: "F", childKey: "k")
        #expect(FuzzTarget.recordViolations(good) == [])
        var bad = good
        bad.nhsNumber = "999000001"
        bad.sex = "X"
        bad.primaryNeed = "N10"
        bad.dateOfBirth = CivilDate(year: 2014, month: 1, day: 1)
        #expect(FuzzTarget.recordViolations(bad).sorted()
                == ["date_of_birth after referral_date", "nhs_number not 10 digits", "primary_need not a code", "primary_need pattern", "sex not a code"])
    }
}
