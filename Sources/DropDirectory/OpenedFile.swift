import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened safely: never through a symbolic link (`O_NOFOLLOW`), checked with
/// `fstat` on the open descriptor, so a file swapped for a link or device after listing is refused.
public final class OpenedFile: Sendable {
    public enum OpenError: Error, Equatable, CustomStringConvertible {
        case notFound
        case symbolicLink
        case notRegular
        case tooLarge(Int64)
        case system(errno: Int32)

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .symbolicLink: "a symbolic link (never followed)"
            case .notRegular: "not a regular file"
            case .tooLarge(let size): "\(size) bytes, over the size limit"
            case .system(let code): String(cString: strerror(code))
            }
        }
    }

    public let descriptor: Int32
    public let size: Int64
    /// Modification time, seconds since the epoch.
    public let modified: Double
    public let device: UInt64
    public let inode: UInt64

    /// Opens `path` for reading; refuses links, non-regular files and files over `maxSize`.
    public init(path: String, maxSize: Int64 = .max) throws(OpenError) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: throw .notFound
            case ELOOP: throw .symbolicLink
            default: throw .system(errno: errno)
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw .system(errno: code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .notRegular
        }
        guard Int64(info.st_size) <= maxSize else {
            close(fd)
            throw .tooLarge(Int64(info.st_size))
        }
        descriptor = fd
        size = Int64(info.st_size)
        modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    deinit { close(descriptor) }

    /// Reads from `offset` into the buffer; returns bytes read, 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(OpenError) -> Int {
        while true {
            let n = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .system(errno: errno)
        }
    }

    /// Whether `path` still names this very file (same device and inode, not followed through
    /// a link): false once it was moved, removed or replaced since it was opened.
    public func isStill(at path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}

/// An opened file is read positionally; `byteSource()` streams it from the start up to the size
/// seen when it was opened, so bytes appended while reading are not half-read.
extension OpenedFile: RandomAccessBytes {}
