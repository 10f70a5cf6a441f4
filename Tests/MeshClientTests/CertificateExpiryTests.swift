import Foundation
import MeshClient
import Testing
import TestSupport

/// `notAfter` of certificates openssl makes, against openssl's own reading of them.
struct CertificateExpiryTests {
    @Test(arguments: [3, 20, 400, 20_000])
    func notAfterMatchesOpenSSL(days: Int) throws {
        let dir = NSTemporaryDirectory() + "/cert-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try Spawn.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", String(days), "-subj", "/CN=X26ABC2",
                                  "-keyout", dir + "/k.pem", "-out", dir + "/c.pem"])
        #expect(made.status == 0, "\(made.output)")
        let epoch = try Spawn.run(["/bin/sh", "-c", "date -u -d \"$(openssl x509 -in \(dir)/c.pem -noout -enddate | cut -d= -f2)\" +%s"])
        let expected = try #require(Double(epoch.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let notAfter = try #require(CertificateExpiry.notAfter(pemFile: dir + "/c.pem"))
        #expect(notAfter.timeIntervalSince1970 == expected)
    }

    @Test func somethingElseIsNotACertificate() {
        #expect(CertificateExpiry.notAfter(pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") == nil)
        #expect(CertificateExpiry.notAfter(pemFile: "/nonexistent.pem") == nil)
    }
}
