import Crypto
import Foundation

/// The `Authorization: NHSMESH …` header of the MESH API (intake.md, "Authentication"):
/// `NHSMESH <mailbox>:<nonce>:<nonce_count>:<timestamp>:<hmac>`, the HMAC-SHA256, keyed by the
/// environment's shared key, of `<mailbox>:<nonce>:<nonce_count>:<password>:<timestamp>`.
public enum MeshAuthorization {
    /// The header value for one request. `nonce` must be new for every request; `now` is UTC.
    public static func header(
        mailbox: String, password: String, sharedKey: String, nonce: String, nonceCount: Int = 0, now: Date
    ) -> String {
        let timestamp = self.timestamp(now)
        let signed = "\(mailbox):\(nonce):\(nonceCount):\(password):\(timestamp)"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(sharedKey.utf8)))
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        return "NHSMESH \(mailbox):\(nonce):\(nonceCount):\(timestamp):\(hex)"
    }

    /// `yyyyMMddHHmm` in UTC.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d%02d%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}
