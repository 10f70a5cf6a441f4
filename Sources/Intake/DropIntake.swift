import DropDirectory
import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A partner's drop directory as an intake: items are the regular files in `incoming/`; the
/// originals are moved to `processed/YYYY-MM/` or `rejected/`; reports go to `reports/`.
public struct DropIntake: Intake {
    public let layout: DropLayout
    public let maxFileSize: Int64

    public init(layout: DropLayout, maxFileSize: Int64) {
        self.layout = layout
        self.maxFileSize = maxFileSize
    }

    public var partner: String { layout.partner }
    public var archives: Bool { true }

    /// Links, directories, devices and oversized files are skipped, never read.
    public func list() throws -> IntakeListing {
        var listing = IntakeListing()
        for entry in try IncomingScanner.list(layout.incoming, maxFileSize: maxFileSize) {
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

    public func open(_ item: IntakeItem) throws(IntakeError) -> OpenedItem {
        try OpenedItem.open(item, path: path(item), maxSize: maxFileSize)
    }

    public func isCurrent(_ opened: OpenedItem) -> Bool { opened.file?.isStill(at: path(opened.item)) ?? false }

    public func isPresent(_ item: IntakeItem) -> Bool { access(path(item), F_OK) == 0 }

    public func archive(_ item: IntakeItem, outcome: ItemOutcome, month: String) throws -> ArchivedItem? {
        let directory = outcome == .loaded ? layout.processed(month: month) : layout.rejected
        let stored = try Archiver.move(name: item.name, from: layout.incoming, to: directory)
        return ArchivedItem(name: stored, directory: directory, place: outcome == .loaded ? "processed" : "rejected")
    }

    public func reportDirectory() throws -> String? { layout.reports }

    private func path(_ item: IntakeItem) -> String { layout.incoming + "/" + item.name }
}
