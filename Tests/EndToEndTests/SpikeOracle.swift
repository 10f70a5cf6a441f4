/// An independent statement of alerts.md's arithmetic for the end-to-end spike test:
/// XmR limits with moving-range screening and the spike guards, written without the product's code.
enum SpikeOracle {
    /// Whether `counts[index]` is a spike against the 12 periods before it.
    static func isSpike(_ counts: [Int], at index: Int, baselinePeriods: Int = 12, minCount: Int = 10, minIncrease: Double = 0.2) -> Bool {
        guard index >= baselinePeriods else { return false }
        let x = counts[(index - baselinePeriods)..<index].map(Double.init)
        let mean = x.reduce(0, +) / Double(x.count)
        var ranges = zip(x.dropFirst(), x).map { abs($0 - $1) }
        var average = ranges.reduce(0, +) / Double(ranges.count)
        ranges = ranges.filter { $0 <= 3.267 * average }
        average = ranges.isEmpty ? 0 : ranges.reduce(0, +) / Double(ranges.count)
        let upper = mean + 2.66 * average
        let observed = Double(counts[index])
        return observed > upper && counts[index] >= minCount && observed >= mean * (1 + minIncrease)
    }
}
