import Foundation
import PostgresLibPQ
import ReferralCore
import ReferralStore

/// Writes a partner's per-file reports: `<name>.report.csv` from the ledger (replacing an older
/// one for the same name atomically) and, for refused files, `<name>.report.txt`.
public enum PartnerReportFile {
    /// `reports/<name>.report.csv`: one line per refused row or warning, read back from `row_issue`.
    public static func write(fileId: Int64, name: String, directory: String, connection: PostgresConnection) throws {
        let path = directory + "/" + name + ".report.csv"
        let temporary = directory + "/." + name + ".report.csv.tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o640]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        var buffer = PartnerReport.header
        try IssueQuery(connection: connection).forEachIssue(fileId: fileId) { issue, ref in
            buffer += PartnerReport.line(issue, partnerRef: ref)
            if buffer.utf8.count > 1 << 16 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}

extension PartnerReportFile {
    /// The same report in memory (a MESH reply; reports of a size worth sending are small).
    public static func render(fileId: Int64, connection: PostgresConnection) throws -> Data {
        var buffer = PartnerReport.header
        try IssueQuery(connection: connection).forEachIssue(fileId: fileId) { issue, ref in
            buffer += PartnerReport.line(issue, partnerRef: ref)
        }
        return Data(buffer.utf8)
    }

    /// `rejected/<name>.report.txt`: why a whole file was refused, for people.
    public static func writeRefusal(_ refusal: FileRefusal, name: String, directory: String) throws {
        let text = """
            referrald refused this file whole; nothing in it was loaded.

            file: \(name)
            rule: \(refusal.rule)
            reason: \(refusal.message)

            Correct the file and send it again under a new name.

            """
        try text.write(toFile: directory + "/" + name + ".report.txt", atomically: true, encoding: .utf8)
    }
}
