/// Percentages and rates, `nil` when there is nothing to divide by.
public enum Percent {
    /// `part / whole × 100`, `nil` when `whole` is 0.
    public static func of(_ part: Int, _ whole: Int) -> Double? {
        whole > 0 ? Double(part) * 100 / Double(whole) : nil
    }

    /// `count` per 10,000 of `population`, `nil` without a population.
    public static func per10000(_ count: Int, population: Int?) -> Double? {
        guard let population, population > 0 else { return nil }
        return Double(count) * 10_000 / Double(population)
    }
}
