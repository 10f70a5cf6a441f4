import ReferralCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Lists a partner's `incoming/` directory.
public enum IncomingScanner {
    /// Every entry except in-progress names, classified by `lstat` (links are not followed).
    public static func list(_ directory: String, maxFileSize: Int64) throws(DropError) -> [IncomingEntry] {
        var entries: [IncomingEntry] = []
        for name in try DirectoryNames.read(directory) where !IncomingEntry.isInProgressName(name) {
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0 else { continue }  // gone meanwhile
            let kind: IncomingEntry.Kind
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                let size = Int64(info.st_size)
                let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                kind = size > maxFileSize ? .oversized(size) : .file(FileObservation(size: size, modified: modified))
            case S_IFLNK: kind = .symbolicLink
            case S_IFDIR: kind = .directory
            default: kind = .special
            }
            entries.append(IncomingEntry(name: name, kind: kind))
        }
        return entries
    }
}
