import Foundation

/// A name for this running process, unique across hosts and restarts: the claim owner.
public enum InstanceIdentity {
    /// `role@host:pid:start`.
    public static func current(role: String) -> String {
        let host = ProcessInfo.processInfo.hostName
        let start = Int(Date().timeIntervalSince1970 * 1000)
        return "\(role)@\(host):\(getpid()):\(start)"
    }
}
