import Foundation
@testable import DropDirectory
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Retention of archived files: real files with set modification times (`utimensat`).
@Suite("Pruning archived files")
struct ArchivePrunerTests {
    static let day = 86_400.0
    let now = Date().timeIntervalSince1970

    /// Writes `bytes` bytes at `path` with its modification time `age` seconds ago.
    func place(_ path: String, age: Double, bytes: Int = 100) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: bytes).write(to: URL(fileURLWithPath: path))
        try setAge(path, age)
    }

    func setAge(_ path: String, _ age: Double, follow: Bool = true) throws {
        let t = now - age
        var times = [timespec(tv_sec: Int(t), tv_nsec: 0), timespec(tv_sec: Int(t), tv_nsec: 0)]
        guard utimensat(AT_FDCWD, path, &times, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    @Test func removesExactlyWhatIsPastItsAge() throws {
        let root = NSTemporaryDirectory() + "pruner-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = DropLayout(root: root, partner: "acme")
        try layout.create()
        let base = layout.base
        let thisMonth = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
        let age = 400 * Self.day
        // Removed: older than 400 days, archived in a month long past.
        let old = [base + "/processed/2020-01/old.csv", base + "/processed/2020-01/old.1.csv", layout.reports + "/old.csv.report.csv"]
        for path in old { try place(path, age: age + Self.day, bytes: 1000) }
        // Kept: younger than 400 days by a day or by a minute.
        let young = [base + "/processed/2020-01/young.csv", layout.reports + "/young.csv.report.csv", layout.reports + "/edge.csv.report.csv"]
        try place(young[0], age: age - Self.day)
        try place(young[1], age: age - Self.day)
        try place(young[2], age: age - 60)
        // Kept: an old modification time (the partner's) but archived this month.
        let recentlyArchived = base + "/processed/\(thisMonth)/sent-with-old-mtime.csv"
        try place(recentlyArchived, age: 3000 * Self.day)
        // Kept whatever their age: incoming/, rejected/, hidden files, links, unknown directories.
        let untouched = [
            layout.incoming + "/waiting.csv", layout.rejected + "/refused.csv", layout.rejected + "/refused.csv.report.txt",
            layout.reports + "/.young.csv.report.csv.tmp", base + "/processed/misc/notes.txt",
        ]
        for path in untouched { try place(path, age: 3000 * Self.day) }
        let link = base + "/processed/2020-01/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: untouched[0])
        try setAge(link, 3000 * Self.day, follow: false)

        let dry = try ArchivePruner(cutoff: now - age, dryRun: true).prune(layout)
        #expect(dry.files == 3 && dry.bytes == 3000)
        #expect(old.allSatisfy(exists), "a dry run removes nothing")

        let tally = try ArchivePruner(cutoff: now - age).prune(layout)
        #expect(tally.files == 3)
        #expect(tally.bytes == 3000)
        #expect(tally.kept == 4)
        #expect(old.allSatisfy { !exists($0) })
        #expect((young + [recentlyArchived, link] + untouched).allSatisfy(exists))
        #expect(try ArchivePruner(cutoff: now - age).prune(layout) == ArchivePruner.Tally().with(kept: 4), "a second pass finds nothing more")
    }

    @Test func aPartnerWithoutDirectoriesIsNothingToDo() throws {
        let layout = DropLayout(root: NSTemporaryDirectory() + "pruner-none-\(UUID().uuidString)", partner: "acme")
        #expect(try ArchivePruner(cutoff: now).prune(layout) == ArchivePruner.Tally())
    }

    @Test func monthEndsAfterTheMonthInEveryZone() {
        // 2020-01 ends 2020-02-01T00:00Z at the latest anywhere in Europe; plus a day's margin.
        #expect(ArchivePruner.monthEnd("2020-01") == 1_580_515_200 + Self.day)
        #expect(ArchivePruner.monthEnd("2020-12") == 1_609_459_200 + Self.day)
        #expect(ArchivePruner.monthEnd("2020-13") == nil)
        #expect(ArchivePruner.monthEnd("misc") == nil)
        #expect(ArchivePruner.monthEnd("20201-01") == nil)
    }
}

extension ArchivePruner.Tally {
    fileprivate func with(kept: Int) -> Self {
        var copy = self
        copy.kept = kept
        return copy
    }
}

@Suite("Drop errors")
struct DropErrorTests {
    @Test func controlCharactersOfAPathAreNotPrinted() {
        let error = DropError(path: "/srv/acme/processed/2013-05/may\nforged line\u{1B}[2J.csv", errno: ENOENT)
        #expect(error.description == "/srv/acme/processed/2013-05/may?forged line?[2J.csv: No such file or directory")
    }
}
