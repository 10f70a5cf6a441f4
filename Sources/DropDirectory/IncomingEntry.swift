import ReferralCore

/// One name found in `incoming/`, classified without opening it (`lstat`).
public struct IncomingEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A regular file that may be read once complete.
        case file(FileObservation)
        /// A symbolic link: never followed or read.
        case symbolicLink
        case directory
        /// A device, FIFO or socket.
        case special
        /// A regular file over `max_file_size`: never read.
        case oversized(Int64)
    }

    public let name: String
    public let kind: Kind

    /// Names partners use while still writing (`name.tmp`, `name.part`, `.name`): never read.
    public static func isInProgressName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix(".part")
    }
}
