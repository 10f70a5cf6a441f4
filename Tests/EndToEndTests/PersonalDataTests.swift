import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// No personal value from the input may appear in any output or log.
@Suite("No personal data in output", .serialized)
struct PersonalDataTests {
    @Test func samplesLeaveNoPersonalValueInAnyOutput() async throws {
        try await Workspace.with { w in
            try w.run(["migrate"])
            var outputs: [String] = []
            let reports = w.directory.appendingPathComponent("reports").path
            try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
            for (sample, partner) in [("standard", "acme"), ("health", "health"), ("police", "police"), ("schools", "schools")] {
                let path = try w.sample(sample)
                outputs.append(try w.run(["ingest", "--partner", partner, "--report", reports, path]).output)
                outputs.append(try w.run(["check", "--partner", partner, path]).output)
                outputs.append(try w.run(["check", "--partner", partner, path, "--format", "json"]).output)
            }
            outputs.append(try w.run(["status"]).output)
            outputs.append(try w.run(["status", "--json"]).output)
            let connection = try PostgresConnection(conninfo: w.conninfo)
            defer { connection.close() }
            let values = try connection.query("""
                SELECT v FROM referrald.referral,
                  LATERAL unnest(ARRAY[forename, surname, nhs_number, upn, la_child_id, postcode,
                                       to_char(date_of_birth, 'YYYY-MM-DD'), to_char(date_of_birth, 'DD/MM/YYYY'),
                                       to_char(date_of_birth, 'DD-Mon-YYYY'), reason]) AS v
                WHERE v IS NOT NULL AND length(v) >= 4
                """)
            let needles = Set((0..<values.rowCount).compactMap { values[$0, 0] })
            #expect(needles.count > 200)
            var reportText = ""
            for name in try FileManager.default.contentsOfDirectory(atPath: reports) {
                reportText += try String(contentsOfFile: reports + "/" + name, encoding: .utf8)
            }
            #expect(!reportText.isEmpty)
            let everything = outputs.joined(separator: "\n")
            let leaks = needles.filter { everything.contains($0) || reportText.contains($0) }
            #expect(leaks.isEmpty, "personal values in output: \(leaks.count)")
        }
    }
}
