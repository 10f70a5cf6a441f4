import Foundation
@testable import DropDirectory
import Testing

@Suite("Archiving originals")
struct ArchiverTests {
    @Test func takenNamesGetANumericSuffixAndNothingIsOverwritten() throws {
        let root = NSTemporaryDirectory() + "archiver-\(UUID().uuidString)"
        let incoming = root + "/incoming", processed = root + "/processed/2013-05"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var stored: [String] = []
        for version in 1...3 {
            try "v\(version)".write(toFile: incoming + "/may.csv", atomically: false, encoding: .utf8)
            stored.append(try Archiver.move(name: "may.csv", from: incoming, to: processed))
        }
        #expect(stored == ["may.csv", "may.1.csv", "may.2.csv"])
        #expect(try String(contentsOfFile: processed + "/may.csv", encoding: .utf8) == "v1")
        #expect(try String(contentsOfFile: processed + "/may.2.csv", encoding: .utf8) == "v3")
        #expect(try FileManager.default.contentsOfDirectory(atPath: incoming).isEmpty)
        #expect(Archiver.suffixed("README", 4) == "README.4")
    }

    /// A move interrupted between `link` and `unlink` (found by scripts/torture's reasoning about
    /// kill -9) leaves the original in both places; the retried move finishes it under the same
    /// name instead of archiving a second copy as `may.1.csv`.
    @Test func aMoveCutShortAfterTheLinkIsFinishedNotDoubled() throws {
        let root = NSTemporaryDirectory() + "archiver-\(UUID().uuidString)"
        let incoming = root + "/incoming", processed = root + "/processed/2013-05"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: processed, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "v1".write(toFile: incoming + "/may.csv", atomically: false, encoding: .utf8)
        #expect(link(incoming + "/may.csv", processed + "/may.csv") == 0)   // the kill came here

        #expect(try Archiver.move(name: "may.csv", from: incoming, to: processed) == "may.csv")
        #expect(try FileManager.default.contentsOfDirectory(atPath: processed) == ["may.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: incoming).isEmpty)

        // A different file under a taken name still gets a suffix.
        try "v2".write(toFile: incoming + "/may.csv", atomically: false, encoding: .utf8)
        #expect(try Archiver.move(name: "may.csv", from: incoming, to: processed) == "may.1.csv")
    }

    /// What belongs beside the kept original (a refused file's reason) is written while the
    /// original is still in incoming/: a crash before it is written leaves the file to be taken
    /// again, and the retried move writes it under the name the first one chose.
    @Test func whatGoesBesideIsWrittenBeforeTheOriginalLeaves() throws {
        struct Crash: Error {}
        let root = NSTemporaryDirectory() + "archiver-\(UUID().uuidString)"
        let incoming = root + "/incoming", rejected = root + "/rejected"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "old".write(toFile: incoming + "/may.csv", atomically: false, encoding: .utf8)
        _ = try Archiver.move(name: "may.csv", from: incoming, to: rejected)
        try "new".write(toFile: incoming + "/may.csv", atomically: false, encoding: .utf8)

        #expect(throws: Crash.self) {
            try Archiver.move(name: "may.csv", from: incoming, to: rejected) { name in
                #expect(FileManager.default.fileExists(atPath: incoming + "/may.csv"))
                #expect(name == "may.1.csv")
                throw Crash()
            }
        }
        #expect(FileManager.default.fileExists(atPath: incoming + "/may.csv"), "the original left before its reason was written")
        var besides: [String] = []
        #expect(try Archiver.move(name: "may.csv", from: incoming, to: rejected) { besides.append($0) } == "may.1.csv")
        #expect(besides == ["may.1.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: incoming).isEmpty)
        #expect(try String(contentsOfFile: rejected + "/may.1.csv", encoding: .utf8) == "new")
    }

    @Test func inProgressNamesAreNeverRead() {
        #expect(IncomingEntry.isInProgressName("may.csv.part"))
        #expect(IncomingEntry.isInProgressName("may.tmp"))
        #expect(IncomingEntry.isInProgressName(".may.csv"))
        #expect(!IncomingEntry.isInProgressName("may.csv"))
    }
}
