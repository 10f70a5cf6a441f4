import Foundation
import MeshClient

#if canImport(Glibc)
import Glibc
#endif

/// referrald's own spool for MESH downloads: `<drop root>/.mesh-spool/<partner>/<message id>/`,
/// mode 0700 (a partner name never starts with `.`, so no partner's directory is in it). A
/// message is written to `.download` and renamed to its name once every chunk is in and synced,
/// so a file under its name is always whole.
struct MeshSpool {
    let directory: String

    let top: String

    init(root: String, partner: String) {
        top = root + "/.mesh-spool"
        directory = top + "/" + partner
    }

    func messageDirectory(_ messageID: String) -> String { directory + "/" + messageID }

    func path(_ messageID: String, name: String) -> String { messageDirectory(messageID) + "/" + name }

    /// Downloads `messageID` with `client` into the spool; returns its metadata.
    func download(_ messageID: String, name: String, client: MeshClient, stop: @escaping @Sendable () -> Bool) throws -> MeshMessageInfo {
        try Self.makePrivate(top)
        try Self.makePrivate(directory)
        try Self.makePrivate(messageDirectory(messageID))
        let partial = messageDirectory(messageID) + "/.download"
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw MeshError.sink(errno: errno) }
        var closed = false
        defer { if !closed { close(fd) } }
        let info = try client.download(messageID, stop: stop) { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw MeshError.sink(errno: errno)
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw MeshError.sink(errno: errno) }
        close(fd)
        closed = true
        guard rename(partial, path(messageID, name: name)) == 0 else {
            throw MeshError.sink(errno: errno)
        }
        return info
    }

    /// The name of the whole message already in the spool, if any.
    func spooled(_ messageID: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: messageDirectory(messageID))) ?? []
        return names.first { $0 != ".download" }
    }

    /// Removes what is left of a message (a partial download, an emptied directory).
    func discard(_ messageID: String) {
        let dir = messageDirectory(messageID)
        unlink(dir + "/.download")
        rmdir(dir)
    }

    /// A name for the ledger, reports and archive from `mex-filename`: its last path component,
    /// letters, digits, `.`, `_` and `-` only (others become `_`), no leading dot, at most 120
    /// characters; `message-<id>` when nothing is left.
    static func sanitisedName(_ filename: String, messageID: String) -> String {
        let last = filename.split(separator: "/").last.map(String.init) ?? ""
        var name = String(last.unicodeScalars.map { scalar -> Character in
            let ok = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
            return ok ? Character(scalar) : "_"
        })
        while name.hasPrefix(".") { name.removeFirst() }
        name = String(name.prefix(120))
        return name.isEmpty || name.allSatisfy({ $0 == "_" }) ? "message-\(messageID)" : name
    }

    private static func makePrivate(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw MeshError.sink(errno: errno)
        }
        chmod(path, 0o700)
    }
}
