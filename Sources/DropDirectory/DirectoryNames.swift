#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The names in one directory (`readdir`), without `.` and `..`, in the order the file system
/// gives them. Callers classify each with `lstat` (links are never followed).
enum DirectoryNames {
    static func read(_ directory: String) throws(DropError) -> [String] {
        guard let dir = opendir(directory) else { throw DropError(path: directory, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
