import Foundation
import PostgresLibPQ
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Redirects stderr (fd 2) to a file while `body` runs and returns what was written there.
private func capturingStderr(_ body: () throws -> Void) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("referrald-stderr-\(UUID().uuidString)").path
    let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
    #expect(fd >= 0)
    let saved = dup(2)
    fflush(nil)
    dup2(fd, 2)
    defer {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(fd)
    }
    try body()
    fflush(nil)
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: path)
    return text
}

@Suite("Server notices", .serialized)
struct NoticeTests {
    final class Collected { var notices: [PostgresNotice] = [] }

    @Test func noticesReachTheHandlerAndNotStderr() throws {
        let conn = try TestDatabase.connect()
        let collected = Collected()
        conn.onNotice = { collected.notices.append($0) }
        let printed = try capturingStderr {
            try conn.execute("""
                DO $$ BEGIN
                    RAISE NOTICE 'marker-notice-% ü', 17;
                    RAISE WARNING 'marker-warning' USING ERRCODE = '01000';
                END $$;
                """)
        }
        #expect(collected.notices.count == 2)
        #expect(collected.notices.first?.severity == "NOTICE")
        #expect(collected.notices.first?.message == "marker-notice-17 ü")
        #expect(collected.notices.first?.sqlState == "00000")
        #expect(collected.notices.last?.severity == "WARNING")
        #expect(collected.notices.last?.sqlState == "01000")
        #expect(!printed.contains("marker"))
    }

    @Test func noticesWithoutHandlerAreDropped() throws {
        let conn = try TestDatabase.connect()
        let printed = try capturingStderr {
            try conn.execute("DO $$ BEGIN RAISE NOTICE 'marker-unhandled'; END $$")
            try conn.query("SELECT 1")
        }
        #expect(!printed.contains("marker-unhandled"))
    }
}
