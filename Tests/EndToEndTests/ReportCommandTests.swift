import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `referrald report` as a user runs it: formats, the output file, exit statuses, no personal data.
@Suite("referrald report", .serialized, .enabled(if: TestDatabase.isAvailable))
struct ReportCommandTests {
    /// 14 months of acme referrals to May 2013 (10 a month, 40 in May), one carrying personal
    /// values that must never reach the report; ledger rows whose spans cover those months (the
    /// control status judges only months the loaded files cover).
    func seed(_ w: Workspace) throws {
        let db = try PostgresConnection(conninfo: w.conninfo)
        defer { db.close() }
        try db.execute("""
            SET search_path TO referrald;
            INSERT INTO referral (partner, partner_ref, referral_date, sex, ethnicity, referral_source, child_key, first_file_id, last_file_id)
            SELECT 'acme', 'R' || m || '-' || i, (date '2012-04-01' + make_interval(months => m))::date + i % 20,
                   'U', 'NOBT', 'other', 'child-' || i, 1, 1
            FROM generate_series(0, 13) AS m, generate_series(1, 40) AS i WHERE i <= CASE WHEN m = 13 THEN 40 ELSE 10 END;
            INSERT INTO referral (partner, partner_ref, referral_date, nhs_number, surname, forename, postcode, sex, ethnicity,
                                  referral_source, child_key, first_file_id, last_file_id)
            VALUES ('police', 'PX1', '2013-05-14', '9434765919', 'Quixotebury', 'Zebulon', 'ZZ9 9ZZ', 'M', 'NOBT', 'police',
                    'nhs:9434765919', 1, 1);
            UPDATE referral SET is_re_referral = true WHERE partner = 'acme' AND referral_date >= '2012-06-01';
            INSERT INTO ingested_file (partner, file_name, sha256, bytes, status, received_at, first_referral, last_referral)
            VALUES ('acme', 'acme.csv', repeat('a', 64), 0, 'loaded', now(), '2012-04-01', '2013-05-31'),
                   ('police', 'police.csv', repeat('b', 64), 0, 'loaded', now(), '2013-05-01', '2013-05-31');
            """)
    }

    @Test func jsonTextAndHTMLWithTheSpecExitStatuses() async throws {
        try await Workspace.with { w in
            #expect(try w.run(["report", "--month", "2013-05"]).status == 78)   // not migrated yet
            #expect(try w.run(["migrate"]).status == 0)
            try seed(w)

            let json = try w.run(["report", "--month", "2013-05", "--format", "json"])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let scopes = try #require(object["scopes"] as? [[String: Any]])
            #expect(scopes.map { $0["scope"] as? String } == ["acme", "health", "police", "schools", "total"])
            #expect(scopes[0]["referrals"] as? Int == 40)
            #expect(scopes[0]["mean_12_months"] as? Double == 10)
            #expect((scopes[0]["control"] as? [String: Any])?["status"] as? String == "spike")
            #expect(scopes[4]["referrals"] as? Int == 41)

            let text = try w.run(["report", "--month", "2013-05"])
            #expect(text.status == 0)
            #expect(text.stdout.hasPrefix("Referral report card: May 2013\n"))
            #expect(text.stdout.contains("Acme referrals in May 2013 (40) were above the upper limit (10)."))

            let path = w.directory.appendingPathComponent("card.html").path
            let html = try w.run(["report", "--month", "2013-05", "--format", "html", "--output", path])
            #expect(html.status == 0)
            #expect(html.stdout.isEmpty)
            let page = try String(contentsOfFile: path, encoding: .utf8)
            #expect(page.components(separatedBy: "<svg").count - 1 == 5)
            #expect(!page.contains("http"))

            for output in [json.stdout, text.stdout, page] {
                for personal in ["Quixotebury", "Zebulon", "9434765919", "943 476 5919", "ZZ9"] {
                    #expect(!output.contains(personal))
                }
            }

            #expect(try w.run(["report", "--month", "2013-13"]).status == 64)
            #expect(try w.run(["report", "--month", "May 2013"]).status == 64)
            #expect(try w.run(["report", "--month", "2999-01"]).status == 64)
            #expect(try w.run(["report", "--month", "2013-05", "--format", "pdf"]).status == 64)
            let unwritable = try w.run(["report", "--month", "2013-05", "--output", w.directory.path + "/no/such/dir/x.html"])
            #expect(unwritable.status == 73)
        }
    }

    @Test func databaseUnavailableExits69() async throws {
        try await Workspace.with { w in
            try w.writeConfig(conninfo: "host=\(w.directory.path)/no-server-here dbname=x connect_timeout=3")
            let run = try w.run(["report", "--month", "2013-05"])
            #expect(run.status == 69)
            #expect(run.stderr.contains("database unavailable"))
        }
    }
}
