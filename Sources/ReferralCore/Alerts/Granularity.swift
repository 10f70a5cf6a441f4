/// The length of a counting period.
public enum Granularity: String, Sendable, CaseIterable, Comparable, Hashable {
    case month, week, day

    public static func < (a: Granularity, b: Granularity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
