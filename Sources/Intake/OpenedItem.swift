import DropDirectory
import ReferralCore

/// An item handed over as bytes (read positionally, so a format reader may seek), with its size
/// and hash fixed at opening.
public struct OpenedItem {
    public let item: IntakeItem
    public let bytes: any RandomAccessBytes
    /// Lower-case hex SHA-256 of the whole item.
    public let sha256: String

    public init(item: IntakeItem, bytes: any RandomAccessBytes, sha256: String) {
        self.item = item
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// Hashes `bytes` (e.g. an in-memory item).
    public init(item: IntakeItem, bytes: any RandomAccessBytes) throws {
        self.init(item: item, bytes: bytes, sha256: try FileDigest.sha256(of: bytes))
    }

    public var size: Int64 { bytes.size }

    /// The file, when the item was opened from one.
    public var file: OpenedFile? { bytes as? OpenedFile }

    /// Opens `path` safely (never through a link, at most `maxSize`) and hashes it.
    public static func open(_ item: IntakeItem, path: String, maxSize: Int64) throws(IntakeError) -> OpenedItem {
        let file: OpenedFile
        do {
            file = try OpenedFile(path: path, maxSize: maxSize)
        } catch {
            throw .unreadable("\(LogSafe.fileName(path)): \(error)")
        }
        do {
            return try OpenedItem(item: item, bytes: file)
        } catch {
            throw .unreadable("\(LogSafe.fileName(path)): cannot read: \(error)")
        }
    }
}
