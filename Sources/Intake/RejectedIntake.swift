import DropDirectory
import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A partner's `rejected/` as an intake, for `referrald replay` after a profile was fixed: a
/// file that loads is moved to `processed/YYYY-MM/` (and the refusal report it had is removed);
/// one still refused stays where it is, with a fresh report.
public struct RejectedIntake: Intake {
    public let layout: DropLayout
    public let maxFileSize: Int64

    public init(layout: DropLayout, maxFileSize: Int64) {
        self.layout = layout
        self.maxFileSize = maxFileSize
    }

    public var partner: String { layout.partner }
    public var archives: Bool { true }

    /// The files in `rejected/` other than the refusal reports.
    public func list() throws -> IntakeListing {
        var listing = IntakeListing()
        for entry in try IncomingScanner.list(layout.rejected, maxFileSize: maxFileSize) where !entry.name.hasSuffix(".report.txt") {
            if case .file(let seen) = entry.kind {
                listing.items.append(IntakeItem(id: entry.name, name: entry.name, observation: seen))
            }
        }
        return listing
    }

    /// The item for a name `FileReplay.locate` found in `rejected/`.
    public func item(named name: String) -> IntakeItem {
        IntakeItem(id: name, name: name, observation: FileObservation(size: 0, modified: 0))
    }

    public func open(_ item: IntakeItem) throws(IntakeError) -> OpenedItem {
        try OpenedItem.open(item, path: path(item), maxSize: maxFileSize)
    }

    public func isCurrent(_ opened: OpenedItem) -> Bool { opened.file?.isStill(at: path(opened.item)) ?? false }

    public func isPresent(_ item: IntakeItem) -> Bool { access(path(item), F_OK) == 0 }

    public func archive(_ item: IntakeItem, outcome: ItemOutcome, month: String) throws -> ArchivedItem? {
        guard outcome == .loaded else {
            return ArchivedItem(name: item.name, directory: layout.rejected, place: "rejected")
        }
        let directory = layout.processed(month: month)
        let stored = try Archiver.move(name: item.name, from: layout.rejected, to: directory)
        unlink(path(item) + ".report.txt")  // the refusal it explained is over
        return ArchivedItem(name: stored, directory: directory, place: "processed")
    }

    public func reportDirectory() throws -> String? {
        try layout.create()
        return layout.reports
    }

    private func path(_ item: IntakeItem) -> String { layout.rejected + "/" + item.name }
}
