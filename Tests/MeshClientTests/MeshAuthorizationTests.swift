import Foundation
import MeshClient
import Testing
import TestSupport

/// The `NHSMESH` header against an independent HMAC-SHA256 (openssl's), and its freshness.
struct MeshAuthorizationTests {
    @Test func headerMatchesOpenSSLsHMACAndTheDocumentedLayout() throws {
        let now = Date(timeIntervalSince1970: 1_765_000_000)  // 2025-12-06 05:46:40 UTC
        let header = MeshAuthorization.header(
            mailbox: "X26ABC2", password: "pw-1", sharedKey: "key-1", nonce: "N0NCE", nonceCount: 0, now: now)
        let fields = header.dropFirst("NHSMESH ".count).split(separator: ":").map(String.init)
        #expect(header.hasPrefix("NHSMESH "))
        #expect(fields.count == 5)
        #expect(Array(fields[0...3]) == ["X26ABC2", "N0NCE", "0", "202512060546"])
        let result = try Spawn.run(["/bin/sh", "-c", "printf '%s' 'X26ABC2:N0NCE:0:pw-1:202512060546' | openssl dgst -sha256 -hmac key-1 -r"])
        #expect(result.status == 0)
        #expect(fields[4] == String(result.output.prefix(64)))
        #expect(!header.contains("pw-1"))
        #expect(!header.contains("key-1"))
    }

    @Test func everyNonceGivesAnotherSignature() {
        let now = Date()
        let first = MeshAuthorization.header(mailbox: "M", password: "p", sharedKey: "k", nonce: UUID().uuidString, now: now)
        let second = MeshAuthorization.header(mailbox: "M", password: "p", sharedKey: "k", nonce: UUID().uuidString, now: now)
        #expect(first != second)
        #expect(first.split(separator: ":").last != second.split(separator: ":").last)
    }
}
