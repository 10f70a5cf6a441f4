import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A drop-directory operation failed; names the path and the system's reason.
///
/// The description shows control characters of the path as `?`: a partner chooses its file
/// names, and this text reaches logs (retention, unreadable directories).
public struct DropError: Error, CustomStringConvertible {
    public let path: String
    public let errno: Int32
    public var description: String {
        "\(TextNormal.printable(path)): \(String(cString: strerror(errno)))"
    }
}
