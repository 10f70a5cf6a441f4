import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Retention for a partner's archived files: removes the originals in `processed/YYYY-MM/` and
/// the reports in `reports/` that are older than a cutoff, and nothing else.
///
/// A report's age is its modification time (referrald writes it). An original keeps the time
/// the partner gave it, which may be far older than its arrival, so it goes only when that time
/// *and* the end of its `YYYY-MM` month (the month it was archived in, plus a day for time zones)
/// are both before the cutoff: a file is never removed sooner than its age after archiving.
/// Only regular files are removed: links, directories, hidden (in-progress) files, `incoming/`
/// and `rejected/` are never touched.
public struct ArchivePruner {
    /// What a pass removed (or, dry, would remove).
    public struct Tally: Equatable, Sendable {
        public var files = 0
        public var bytes: Int64 = 0
        /// Regular files younger than the cutoff, left in place.
        public var kept = 0

        public init() {}
    }

    /// Seconds since the epoch: what is older goes.
    public let cutoff: Double
    /// Count only; remove nothing.
    public let dryRun: Bool

    public init(cutoff: Double, dryRun: Bool = false) {
        self.cutoff = cutoff
        self.dryRun = dryRun
    }

    /// Prunes one partner's `processed/` and `reports/`; directories that do not exist are skipped.
    public func prune(_ layout: DropLayout) throws(DropError) -> Tally {
        var tally = Tally()
        let processed = layout.base + "/processed"
        for entry in try Self.list(processed) {
            let path = processed + "/" + entry.name
            if entry.isDirectory {
                guard let archived = Self.monthEnd(entry.name) else { continue }  // not ours: leave it
                for file in try Self.list(path) where !file.isDirectory {
                    try consider(path + "/" + file.name, file, notBefore: archived, into: &tally)
                }
            } else {
                try consider(path, entry, notBefore: nil, into: &tally)
            }
        }
        for entry in try Self.list(layout.reports) where !entry.isDirectory {
            try consider(layout.reports + "/" + entry.name, entry, notBefore: nil, into: &tally)
        }
        return tally
    }

    private func consider(_ path: String, _ entry: Entry, notBefore: Double?, into tally: inout Tally) throws(DropError) {
        guard entry.isRegular else { return }
        guard entry.modified < cutoff, (notBefore ?? -.infinity) < cutoff else {
            tally.kept += 1
            return
        }
        if !dryRun && unlink(path) != 0 {
            if errno == ENOENT { return }  // removed meanwhile (another pass)
            throw DropError(path: path, errno: errno)
        }
        tally.files += 1
        tally.bytes += entry.size
    }

    struct Entry {
        var name: String
        var isDirectory: Bool
        var isRegular: Bool
        var size: Int64
        var modified: Double
    }

    /// The entries of `directory` (none when it does not exist), classified by `lstat`; hidden
    /// names are left out.
    static func list(_ directory: String) throws(DropError) -> [Entry] {
        let names: [String]
        do {
            names = try DirectoryNames.read(directory)
        } catch where error.errno == ENOENT {
            return []
        }
        var entries: [Entry] = []
        for name in names where !name.hasPrefix(".") {
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            entries.append(Entry(
                name: name, isDirectory: kind == S_IFDIR, isRegular: kind == S_IFREG, size: Int64(info.st_size),
                modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9))
        }
        return entries
    }

    /// For `YYYY-MM`: a moment after that month has ended in every time zone (the end of the day
    /// after its last day, UTC), in seconds since the epoch; nil for any other name.
    static func monthEnd(_ name: String) -> Double? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]),
              let first = CivilDate(year: year, month: month, day: 1) else { return nil }
        return Double(first.adding(months: 1).adding(days: 1).daysSinceEpoch) * 86_400
    }
}
