import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// The openssl binary, if there is one (the suite is skipped without it).
private let opensslPath = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// `sslmode=verify-full` against a server whose certificate a throw-away test CA signed: it
/// connects over TLS with the right root certificate and refuses another CA's.
@Suite("TLS (sslmode=verify-full)", .enabled(if: opensslPath != nil && TestDatabase.isAvailable, "needs openssl and scripts/test"))
struct TLSTests {

    @Test func verifyFullConnectsWithTheTestCAAndRefusesAnother() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("referrald-tls-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = try Self.makeCA(directory, name: "ca")
        let other = try Self.makeCA(directory, name: "other")
        try Self.openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], in: directory)
        try "subjectAltName = DNS:localhost, IP:127.0.0.1\nextendedKeyUsage = serverAuth\n"
            .write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        try Self.openssl(["x509", "-req", "-in", "server.csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
                          "-days", "2", "-extfile", "server.ext", "-out", "server.pem"], in: directory)
        // The server refuses a key others can read; when we are root it runs as postgres.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory + "/server.key")
        if getuid() == 0 {
            let chown = try Spawn.run(["/bin/chown", "postgres", directory + "/server.key"])
            #expect(chown.status == 0, "\(chown.output)")
        }

        let cluster = try PrivateCluster(tcp: true, configuration: """
            ssl = on
            ssl_cert_file = '\(directory)/server.pem'
            ssl_key_file = '\(directory)/server.key'
            """)
        defer { cluster.destroy() }
        let tcp = "host=localhost port=\(cluster.port) user=\(cluster.superuser) dbname=postgres connect_timeout=5 sslmode=verify-full"

        let connection = try PostgresConnection(conninfo: tcp + " sslrootcert='\(ca).pem'")
        defer { connection.close() }
        #expect(try connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0, 0] == "t")

        let refused = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(conninfo: tcp + " sslrootcert='\(other).pem'")
        }
        #expect(refused?.kind == .connection)
        #expect(refused?.message.contains("certificate") == true, "\(refused.map { "\($0)" } ?? "")")
    }

    /// A self-signed CA: `<directory>/<name>.pem` and `.key`; returns the path without extension.
    private static func makeCA(_ directory: String, name: String) throws -> String {
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                     "-keyout", name + ".key", "-out", name + ".pem", "-subj", "/CN=referrald test \(name)",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: directory)
        return directory + "/" + name
    }

    private static func openssl(_ arguments: [String], in directory: String) throws {
        let result = try Spawn.run([opensslPath!] + arguments, directory: directory)
        guard result.status == 0 else {
            throw OpenSSLFailed(message: "openssl \(arguments.joined(separator: " ")) exited \(result.status): \(result.output)")
        }
    }
}

private struct OpenSSLFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
