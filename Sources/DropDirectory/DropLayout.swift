#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The directories of one partner under the drop root:
/// `incoming/`, `processed/YYYY-MM/`, `rejected/`, `reports/`.
public struct DropLayout: Sendable, Equatable {
    public let root: String
    public let partner: String

    public init(root: String, partner: String) {
        self.root = root
        self.partner = partner
    }

    public var base: String { root + "/" + partner }
    public var incoming: String { base + "/incoming" }
    public var rejected: String { base + "/rejected" }
    public var reports: String { base + "/reports" }
    public func processed(month: String) -> String { base + "/processed/" + month }

    /// Creates every missing directory with mode 0750 (existing ones are left as they are).
    public func create() throws(DropError) {
        for dir in [root, base, incoming, base + "/processed", rejected, reports] {
            try Self.makeDirectory(dir)
        }
    }

    /// `mkdir -p` with mode 0750 for what it creates; fails if a component is not a directory.
    static func makeDirectory(_ path: String) throws(DropError) {
        if mkdir(path, 0o750) != 0 && errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectory(String(path[..<slash]))
        }
        if mkdir(path, 0o750) != 0 && errno != EEXIST {
            throw DropError(path: path, errno: errno)
        }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw DropError(path: path, errno: ENOTDIR)
        }
    }
}
