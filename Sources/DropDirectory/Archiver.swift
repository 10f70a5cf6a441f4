#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Moves originals out of `incoming/` by rename (same file system), never overwriting: a name
/// already taken gets a numeric suffix (`may.csv` → `may.1.csv`).
public enum Archiver {
    /// Moves `incoming/<name>` into `directory`; returns the name it got there.
    /// Throws when the source vanished (`ENOENT`) or the rename failed. `beforeRelease` is given
    /// the new name while the original still stands in `source` too (what belongs beside the
    /// kept file is written then: a crash before it leaves the original to be taken again).
    public static func move(
        name: String, from source: String, to directory: String, beforeRelease: (String) throws -> Void = { _ in }
    ) throws -> String {
        try DropLayout.makeDirectory(directory)
        let from = source + "/" + name
        for attempt in 0..<10_000 {
            let target = attempt == 0 ? name : suffixed(name, attempt)
            let to = directory + "/" + target
            // link + unlink never replaces an existing name (rename would).
            if link(from, to) == 0 {
                try beforeRelease(target)
                if unlink(from) != 0 && errno != ENOENT { throw DropError(path: from, errno: errno) }
                return target
            }
            if errno == EEXIST {
                // A move cut short between link and unlink (kill -9, power loss) left the
                // original under both names: finish it instead of archiving it a second time.
                if sameFile(from, to) {
                    try beforeRelease(target)
                    if unlink(from) != 0 && errno != ENOENT { throw DropError(path: from, errno: errno) }
                    return target
                }
                continue
            }
            if errno == EPERM || errno == EXDEV || errno == ENOTSUP {
                // File systems without hard links: check, then rename.
                if access(to, F_OK) == 0 { continue }
                try beforeRelease(target)
                if rename(from, to) == 0 { return target }
            }
            throw DropError(path: from, errno: errno)
        }
        throw DropError(path: from, errno: EEXIST)
    }

    /// Whether two names are links to one file (same device and inode), never following links.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        return lstat(a, &sa) == 0 && lstat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// `may.csv` → `may.N.csv`; `README` → `README.N`.
    static func suffixed(_ name: String, _ n: Int) -> String {
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return name[..<dot] + ".\(n)" + name[dot...]
        }
        return name + ".\(n)"
    }
}
