import Foundation
import Testing
import ReferralCore
@testable import ReferralReport

@Suite("Report card rendering: text, JSON, HTML")
struct ReportRenderingTests {
    static let may2013 = Period(.month, containing: CivilDate(year: 2013, month: 5, day: 1)!)
    static let later = CivilDate(year: 2014, month: 1, day: 10)!

    /// A card with a spiking partner, a steady one, a partner with no history, and a hostile benchmark name.
    static func card(population: Int? = 50_000) -> ReportCard {
        var police = ScopeData(scope: "police")
        var health = ScopeData(scope: "health")
        for back in 0..<30 {
            let month = may2013.advanced(by: -back)
            police.monthlyCounts[month] = back == 0 ? 312 : 200 + (back % 3) * 7
            health.monthlyCounts[month] = 120 + (back % 2) * 9
        }
        police.firstMonth = may2013.advanced(by: -29)
        health.firstMonth = may2013.advanced(by: -29)
        police.reReferrals = 70; police.concurrent = 31; police.withNHSNumber = 5; police.withUPN = 2
        police.rollingReferrals = 2_500; police.rollingReReferrals = 600
        police.filesReceived = 2; police.rowsReceived = 320; police.rowsRefused = 8
        police.warnings = ["postcode.invalid": 40, "date_of_birth.implausible": 3, "ethnicity.unknown": 12,
                           "sex.unknown": 9, "nhs_number.invalid": 1, "upn.invalid": 1]
        health.reReferrals = 20; health.withNHSNumber = 110; health.rollingReferrals = 1_500; health.rollingReReferrals = 300
        let benchmarks = Benchmark.england + [Benchmark(name: "<script>alert('x')</script> & \"co\"", ratePer10000: 1, reReferralPercent: 2)]
        let builder = ReportCardBuilder(settings: SpikeSettings(), population: population, benchmarks: benchmarks, timezone: "Europe/London")
        return builder.build(month: may2013, today: later, partners: [police, health, ScopeData(scope: "new-partner")])
    }

    @Test func htmlHasAChartForEveryScopeAndLoadsNothing() throws {
        let card = Self.card()
        let html = HTMLReport.render(card)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == card.scopes.count)
        for scope in card.scopes {
            #expect(html.contains("<figure class=\"chart\" id=\"scope-\(scope.scope)\">"))
            #expect(html.contains(HTMLEscape.text(scope.caption)))
        }
        #expect(html.contains("No referrals yet"))
        #expect(html.contains("Police referrals in May 2013 (312) were above the upper limit ("))
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("fill=\"#ED8B00\""))
        let lower = html.lowercased()
        for banned in ["http:", "https:", "http", "@import", "url(", "<script", "<link", "<img", "<iframe", "<object", "<embed"] {
            #expect(!lower.contains(banned), "found \(banned)")
        }
        // No src= at all; any href= only to a fragment.
        #expect(!lower.contains("src="))
        for part in lower.components(separatedBy: "href=").dropFirst() {
            #expect(part.hasPrefix("\"#") || part.hasPrefix("'#"))
        }
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"))
    }

    @Test func jsonCarriesEveryFigure() throws {
        let card = Self.card()
        let json = try JSONReport.render(card)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["month"] as? String == "2013-05")
        #expect(object["population_0_17"] as? Int == 50_000)
        #expect((object["baseline_months"] as? [String: String]) == ["first": "2012-05", "last": "2013-04"])
        #expect((object["benchmarks"] as? [[String: Any]])?.count == 3)
        let scopes = try #require(object["scopes"] as? [[String: Any]])
        #expect(scopes.map { $0["scope"] as? String } == ["police", "health", "new-partner", "total"])
        let keys: Set<String> = ["scope", "title", "referrals", "same_month_last_year", "mean_12_months", "mean_months", "control",
                                 "re_referrals", "re_referral_percent", "rolling_12_months", "concurrent", "concurrent_percent",
                                 "rate_per_10000", "data_quality", "chart", "caption"]
        for (json, figures) in zip(scopes, card.scopes) {
            #expect(Set(json.keys) == keys)
            #expect(json["referrals"] as? Int == figures.referrals)
            // JSON numbers round-trip to within the last digit.
            #expect(close(json["mean_12_months"] as? Double, figures.twelveMonthMean))
            let control = try #require(json["control"] as? [String: Any])
            #expect(control["status"] as? String == figures.control.status.rawValue)
            #expect(close(control["upper_limit"] as? Double, figures.control.upperLimit))
            #expect(close(control["lower_limit"] as? Double, figures.control.lowerLimit))
            #expect(close(control["mean"] as? Double, figures.control.mean))
            let rates = try #require(json["rate_per_10000"] as? [String: Any])
            #expect(close(rates["rolling_12_months"] as? Double, figures.annualRatePer10000))
            let quality = try #require(json["data_quality"] as? [String: Any])
            #expect(Set(quality.keys) == ["files_received", "files_refused", "rows_received", "rows_refused", "rows_refused_percent",
                                          "referrals", "with_nhs_number", "nhs_number_percent", "with_upn", "upn_percent",
                                          "commonest_warnings"])
            #expect((quality["commonest_warnings"] as? [[String: Any]])?.count == figures.quality.commonestWarnings.count)
            #expect((json["chart"] as? [[String: Any]])?.count == figures.chart.count)
        }
        let police = scopes[0]
        #expect(close(police["re_referral_percent"] as? Double, 70.0 * 100 / 312))
        #expect((police["control"] as? [String: Any])?["status"] as? String == "spike")
        #expect(((police["data_quality"] as? [String: Any])?["commonest_warnings"] as? [[String: Any]])?.first?["rule"] as? String == "postcode.invalid")
        // A figure that does not exist is null, not absent or zero.
        #expect(scopes[2]["mean_12_months"] is NSNull)
        let noPopulation = try JSONSerialization.jsonObject(with: Data(try JSONReport.render(Self.card(population: nil)).utf8)) as? [String: Any]
        #expect(noPopulation?["population_0_17"] is NSNull)
        #expect(((noPopulation?["scopes"] as? [[String: Any]])?[0]["rate_per_10000"] as? [String: Any])?["month"] is NSNull)
    }

    @Test func textTablesAreAligned() throws {
        let text = TextReport.render(Self.card())
        let lines = text.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("scope") && $0.contains("last year") })
        let rule = lines[header + 1]
        #expect(rule.allSatisfy { $0 == "-" || $0 == " " })
        let rows = Array(lines[(header + 2)...(header + 5)])
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) } == ["police", "health", "new-partner", "total"])
        // Each right-aligned column ends where its dashes end, on every row.
        var columnEnds: [Int] = []
        var offset = 0
        for dashes in rule.split(separator: " ", omittingEmptySubsequences: false) {
            offset += dashes.count
            if !dashes.isEmpty { columnEnds.append(offset) }
            offset += 1
        }
        for end in columnEnds.dropFirst().prefix(3) {   // referrals, last year, 12-month mean: numbers
            for row in [lines[header]] + rows {
                let characters = Array(row)
                #expect(characters[end - 1] != " ", "column ending at \(end) in \(row)")
                #expect(end == characters.count || characters[end] == " ")
            }
        }
        #expect(text.contains("Police referrals in May 2013 (312) were above the upper limit ("))
        #expect(text.contains("England 2012-13"))
        #expect(text.contains("postcode.invalid 40, ethnicity.unknown 12, sex.unknown 9, date_of_birth.implausible 3, nhs_number.invalid 1"))
    }

    @Test func chartScaleAndPlacement() {
        #expect(XmRChart.niceStep(1.05) == 2)
        #expect(XmRChart.niceStep(70) == 100)
        #expect(XmRChart.niceStep(40) == 50)
        let card = Self.card()
        let chart = XmRChart(figures: card.scopes[0], month: card.month, id: "c")
        // The report month sits in the last of 24 slots; 23 months earlier in the first.
        #expect(abs(chart.x(of: card.month) - (XmRChart.width - XmRChart.right - chart.slot / 2)) < 0.001)
        #expect(abs(chart.x(of: card.month.advanced(by: -23)) - (XmRChart.left + chart.slot / 2)) < 0.001)
        #expect(chart.scale.top >= 312)
        #expect(chart.svg.components(separatedBy: "<circle").count - 1 == 24 + 2)   // points + two legend dots
    }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) <= 1e-12 * max(1, abs(y))
        default: false
        }
    }
}
