import DropDirectory
import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Files named on the command line (`referrald ingest`): loaded where they are, never moved;
/// reports go to `--report DIR` when given.
public struct PathIntake: Intake {
    public let partner: String
    public let paths: [String]
    public let maxFileSize: Int64
    public let reports: String?

    public init(partner: String, paths: [String], maxFileSize: Int64, reports: String?) {
        self.partner = partner
        self.paths = paths
        self.maxFileSize = maxFileSize
        self.reports = reports
    }

    public var archives: Bool { false }

    /// One item per path, in the order given (the path is the id; the name its last component).
    public func list() throws -> IntakeListing {
        IntakeListing(items: paths.map(item(path:)))
    }

    public func item(path: String) -> IntakeItem {
        IntakeItem(id: path, name: String(path.split(separator: "/").last ?? Substring(path)),
                   observation: FileObservation(size: 0, modified: 0))
    }

    public func open(_ item: IntakeItem) throws(IntakeError) -> OpenedItem {
        try OpenedItem.open(item, path: item.id, maxSize: maxFileSize)
    }

    public func isCurrent(_ opened: OpenedItem) -> Bool { true }

    public func isPresent(_ item: IntakeItem) -> Bool { access(item.id, F_OK) == 0 }

    public func archive(_ item: IntakeItem, outcome: ItemOutcome, month: String, beside: (ArchivedItem) throws -> Void) throws -> ArchivedItem? { nil }

    public func reportDirectory() throws -> String? { reports }
}
