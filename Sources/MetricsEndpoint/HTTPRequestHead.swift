import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The head of one HTTP/1.x request read from a socket, no more than the metrics endpoint needs:
/// the method and the path of the request line. Headers are read (to find their end) and ignored.
enum HTTPRequestHead: Equatable {
    case request(method: String, path: String)
    case malformed
    case tooLarge

    /// Reads until the blank line ending the head, at most `limit` bytes and `timeoutMs` in
    /// total; nil when the client went away, was too slow, or `cancelled` (asked every 250 ms).
    static func read(from fd: Int32, limit: Int, timeoutMs: Int, cancelled: () -> Bool = { false }) -> HTTPRequestHead? {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 2048)
        while true {
            if let head = parse(buffer) { return head }
            if buffer.count >= limit { return .tooLarge }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero, !cancelled() else { return nil }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ms = Int32(min(250, max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)))
            let ready = poll(&pfd, 1, ms)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { continue }
            guard ready > 0 else { return nil }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, min($0.count, limit - buffer.count), 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer += chunk[0..<n]
        }
    }

    /// The head if `bytes` hold a complete one (`\r\n\r\n`, or `\n\n` from lenient clients).
    static func parse(_ bytes: [UInt8]) -> HTTPRequestHead? {
        guard let end = headEnd(bytes) else { return nil }
        let lineEnd = bytes[..<end].firstIndex(of: UInt8(ascii: "\n")) ?? end
        var line = bytes[..<lineEnd]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        let printable = { (part: ArraySlice<UInt8>) in !part.isEmpty && part.allSatisfy { byte in byte > 0x20 && byte < 0x7F } }
        guard parts.count == 3, parts.allSatisfy(printable) else { return .malformed }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/1."), target.hasPrefix("/") else { return .malformed }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        return .request(method: method, path: path)
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                if bytes[i + 1] == UInt8(ascii: "\n") { return i }
                if bytes[i + 1] == UInt8(ascii: "\r"), i + 2 < bytes.count, bytes[i + 2] == UInt8(ascii: "\n") { return i }
            }
            i += 1
        }
        return nil
    }

    /// Writes all of `bytes` within `timeoutMs`; false when the client stopped reading or
    /// `cancelled` (asked every 250 ms).
    static func write(_ bytes: [UInt8], to fd: Int32, timeoutMs: Int, cancelled: () -> Bool = { false }) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        var offset = 0
        while offset < bytes.count {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero, !cancelled() else { return false }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ms = Int32(min(250, max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)))
            let ready = poll(&pfd, 1, ms)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { continue }
            guard ready > 0 else { return false }
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
