import ReferralConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A listening TCP socket on the configured loopback address (the configuration admits no other).
enum LoopbackSocket {
    struct Failure: Error, CustomStringConvertible {
        var call: String
        var errno: Int32
        var description: String { "\(call): \(String(cString: strerror(errno)))" }
    }

    /// A non-blocking, close-on-exec socket bound to the address and listening.
    static func open(_ settings: MetricsSettings) -> Result<Int32, Failure> {
        let family = settings.family == .ipv4 ? AF_INET : AF_INET6
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return .failure(Failure(call: "socket", errno: errno)) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32?
        switch settings.family {
        case .ipv4:
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = settings.port.bigEndian
            result = inet_pton(AF_INET, settings.host, &address.sin_addr) == 1 ? bindAddress(fd, &address) : nil
        case .ipv6:
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = settings.port.bigEndian
            result = inet_pton(AF_INET6, settings.host, &address.sin6_addr) == 1 ? bindAddress(fd, &address) : nil
        }
        guard let result else {
            close(fd)
            return .failure(Failure(call: "inet_pton", errno: EINVAL))
        }
        guard result == 0 else {
            let error = Failure(call: "bind", errno: errno)
            close(fd)
            return .failure(error)
        }
        guard listen(fd, 16) == 0 else {
            let error = Failure(call: "listen", errno: errno)
            close(fd)
            return .failure(error)
        }
        return .success(fd)
    }

    /// `bind(2)` with a `sockaddr_in` or `sockaddr_in6`.
    private static func bindAddress<Address>(_ fd: Int32, _ address: inout Address) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<Address>.size)) }
        }
    }
}
