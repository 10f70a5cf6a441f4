import Foundation
import PostgresLibPQ
import ReferralCore
import ReferralStore

/// Writes a partner report (`<name>.report.csv`) from the ledger, replacing an older one atomically.
enum ReportFile {
    static func write(fileId: Int64, name: String, directory: String, connection: PostgresConnection) throws {
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
