/// How many warnings one validation rule raised (a rule name from `row_issue.rule`).
public struct WarningCount: Sendable, Equatable {
    public var rule: String
    public var count: Int

    public init(rule: String, count: Int) {
        self.rule = rule
        self.count = count
    }

    /// The `limit` commonest, most first; ties by rule name so the order is stable.
    public static func commonest(_ counts: [String: Int], limit: Int = 5) -> [WarningCount] {
        counts.map { WarningCount(rule: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.rule) > ($1.count, $0.rule) }
            .prefix(limit)
            .map { $0 }
    }
}
