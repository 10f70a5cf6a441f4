import Foundation
import ReferralCore

/// The report card as one JSON object: every figure, stable snake_case keys, numbers as numbers,
/// `null` where a figure does not exist (e.g. a rate without a population).
public enum JSONReport {
    public static func render(_ card: ReportCard) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object(card), options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The card as JSON-ready dictionaries and arrays.
    public static func object(_ card: ReportCard) -> [String: Any] {
        let s = card.settings
        return [
            "month": card.month.description,
            "month_start": card.month.start.description,
            "month_end": card.month.end.description,
            "in_progress": card.inProgress,
            "baseline_months": ["first": card.baselineFirst.description, "last": card.baselineLast.description],
            "rolling_12_months": ["first": card.rollingFirst.description, "last": card.month.description],
            "population_0_17": value(card.population),
            "settings": [
                "baseline_months": s.baselinePeriods[.month] ?? s.minBaselinePoints, "min_baseline_points": s.minBaselinePoints,
                "screen_moving_ranges": s.screenMovingRanges, "run_length": s.runLength, "min_count": s.minCount,
                "min_increase": s.minIncrease,
            ] as [String: Any],
            "benchmarks": card.benchmarks.map {
                ["name": $0.name, "rate_per_10000": $0.ratePer10000, "re_referral_percent": $0.reReferralPercent] as [String: Any]
            },
            "scopes": card.scopes.map(scope),
            "notes": card.notes,
        ]
    }

    static func scope(_ f: ScopeFigures) -> [String: Any] {
        let q = f.quality
        return [
            "scope": f.scope,
            "title": f.title,
            "referrals": f.referrals,
            "same_month_last_year": value(f.sameMonthLastYear),
            "mean_12_months": value(f.twelveMonthMean),
            "mean_months": f.meanMonths,
            "control": [
                "status": f.control.status.rawValue,
                "rules_holding": f.control.rulesHolding.map(\.rawValue),
                "mean": value(f.control.mean),
                "upper_limit": value(f.control.upperLimit),
                "lower_limit": value(f.control.lowerLimit),
                "baseline_points": f.control.baselinePoints,
                "above_limit_but_guarded": f.control.aboveLimitButGuarded,
            ] as [String: Any],
            "re_referrals": f.reReferrals,
            "re_referral_percent": value(f.reReferralPercent),
            "rolling_12_months": [
                "referrals": f.rollingReferrals, "re_referrals": f.rollingReReferrals,
                "re_referral_percent": value(f.rollingReReferralPercent),
            ] as [String: Any],
            "concurrent": f.concurrent,
            "concurrent_percent": value(f.concurrentPercent),
            "rate_per_10000": ["month": value(f.monthRatePer10000), "rolling_12_months": value(f.annualRatePer10000)],
            "data_quality": [
                "files_received": q.filesReceived, "files_refused": q.filesRefused,
                "rows_received": q.rowsReceived, "rows_refused": q.rowsRefused, "rows_refused_percent": value(q.refusedPercent),
                "referrals": q.referrals, "with_nhs_number": q.withNHSNumber, "nhs_number_percent": value(q.nhsNumberPercent),
                "with_upn": q.withUPN, "upn_percent": value(q.upnPercent),
                "commonest_warnings": q.commonestWarnings.map { ["rule": $0.rule, "count": $0.count] as [String: Any] },
            ] as [String: Any],
            "chart": f.chart.map { p in
                [
                    "month": p.month.description, "count": p.count, "mean": value(p.mean),
                    "upper_limit": value(p.upperLimit), "lower_limit": value(p.lowerLimit), "signal": p.signal.rawValue,
                ] as [String: Any]
            },
            "caption": f.caption,
        ]
    }

    /// The value, or JSON `null`.
    static func value<T>(_ optional: T?) -> Any { optional.map { $0 as Any } ?? NSNull() }
}
