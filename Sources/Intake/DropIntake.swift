import DropDirectory
import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A partner's drop directory as an intake. From `incoming/` (the daemon): items are the regular
/// files there; originals are moved to `processed/YYYY-MM/` or `rejected/`. From `rejected/`
/// (`referrald replay`, after a profile was fixed): a file that loads is moved to `processed/`
/// and the refusal report it had is removed; one still refused stays, with a fresh report.
/// Reports go to `reports/`.
public struct DropIntake: Intake {
    public enum Source: Sendable {
        case incoming, rejected
    }

    public let layout: DropLayout
    public let maxFileSize: Int64
    public let source: Source

    public init(layout: DropLayout, maxFileSize: Int64, source: Source = .incoming) {
        self.layout = layout
        self.maxFileSize = maxFileSize
        self.source = source
    }

    public var partner: String { layout.partner }
    public var archives: Bool { true }

    private var directory: String { source == .incoming ? layout.incoming : layout.rejected }

    /// Links, directories, devices and oversized files are skipped, never read (in `rejected/`,
    /// refusal reports are not items either).
    public func list() throws -> IntakeListing {
        var listing = IntakeListing()
        for entry in try IncomingScanner.list(directory, maxFileSize: maxFileSize) {
            if source == .rejected && entry.name.hasSuffix(".report.txt") { continue }
            switch entry.kind {
            case .file(let seen): listing.items.append(IntakeItem(id: entry.name, name: entry.name, observation: seen))
            case .symbolicLink: listing.skipped.append(.init(name: entry.name, reason: "a symbolic link (never followed)"))
            case .directory: listing.skipped.append(.init(name: entry.name, reason: "a directory"))
            case .special: listing.skipped.append(.init(name: entry.name, reason: "not a regular file"))
            case .oversized(let size): listing.skipped.append(.init(name: entry.name, reason: "\(size) bytes, over max_file_size"))
            }
        }
        return listing
    }

    /// The item for a name known to be in the source directory (`FileReplay.locate`).
    public func item(named name: String) -> IntakeItem {
        IntakeItem(id: name, name: name, observation: FileObservation(size: 0, modified: 0))
    }

    public func open(_ item: IntakeItem) throws(IntakeError) -> OpenedItem {
        try OpenedItem.open(item, path: path(item), maxSize: maxFileSize)
    }

    public func isCurrent(_ opened: OpenedItem) -> Bool { opened.file?.isStill(at: path(opened.item)) ?? false }

    public func isPresent(_ item: IntakeItem) -> Bool { access(path(item), F_OK) == 0 }

    public func archive(_ item: IntakeItem, outcome: ItemOutcome, month: String, beside: (ArchivedItem) throws -> Void) throws -> ArchivedItem? {
        if outcome == .refused {
            let kept = { (name: String) in ArchivedItem(name: name, directory: self.layout.rejected, place: "rejected") }
            if source == .rejected {
                try beside(kept(item.name))
                return kept(item.name)
            }
            return kept(try Archiver.move(name: item.name, from: directory, to: layout.rejected) { try beside(kept($0)) })
        }
        let processed = layout.processed(month: month)
        let kept = { (name: String) in ArchivedItem(name: name, directory: processed, place: "processed") }
        let stored = try Archiver.move(name: item.name, from: directory, to: processed) { try beside(kept($0)) }
        if source == .rejected { unlink(path(item) + ".report.txt") }  // the refusal it explained is over
        return kept(stored)
    }

    /// `reports/`; replay creates the partner's directories first (the daemon made them at start).
    public func reportDirectory() throws -> String? {
        if source == .rejected { try layout.create() }
        return layout.reports
    }

    private func path(_ item: IntakeItem) -> String { directory + "/" + item.name }
}
