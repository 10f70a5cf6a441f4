import CLibCurl
import Foundation

/// One HTTPS request through libcurl: mutual TLS with the endpoint's files, the server verified
/// against the configured CA (never turned off), HTTPS only, no signals, bounded connect and
/// stall times. The body streams to `sink` as it arrives; with `decoding`, a gzip encoded body is
/// decoded. Connections are kept in `handles` for reuse.
struct CurlTransfer {
    struct Response {
        var status: Int
        /// Header names lower-cased; the last value of a repeated header.
        var headers: [String: String]
    }

    private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    let endpoint: MeshEndpoint
    let handles: CurlHandles

    /// Performs `method url` with `headers` and `body`; `sink` receives the decoded body bytes
    /// (throwing stops the transfer); `stop` is polled while transferring.
    func perform(
        method: String, url: String, headers: [String], body: Data? = nil, decoding: String? = nil,
        stop: @escaping @Sendable () -> Bool = { false },
        sink: @escaping (UnsafeRawBufferPointer) throws -> Void = { _ in }
    ) throws(MeshError) -> Response {
        guard Self.initialised, let curl = handles.take() else { throw .unavailable(reason: "curl_init") }
        var reusable = false
        defer { handles.give(curl, reusable: reusable) }
        let context = TransferContext(sink: sink, stop: stop)
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }

        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }

        referrald_curl_set_string(curl, CURLOPT_URL, url)
        referrald_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "https")
        referrald_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        referrald_curl_set_long(curl, CURLOPT_SSL_VERIFYPEER, 1)
        referrald_curl_set_long(curl, CURLOPT_SSL_VERIFYHOST, 2)
        referrald_curl_set_long(curl, CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))
        referrald_curl_set_string(curl, CURLOPT_CAINFO, endpoint.caCertificate)
        referrald_curl_set_pointer(curl, CURLOPT_CAPATH, nil)
        referrald_curl_set_string(curl, CURLOPT_SSLCERT, endpoint.clientCertificate)
        referrald_curl_set_string(curl, CURLOPT_SSLKEY, endpoint.clientKey)
        referrald_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, endpoint.connectTimeout)
        referrald_curl_set_long(curl, CURLOPT_LOW_SPEED_LIMIT, 1)
        referrald_curl_set_long(curl, CURLOPT_LOW_SPEED_TIME, endpoint.stallTimeout)
        referrald_curl_set_pointer(curl, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        // `Accept-Encoding: <decoding>`; any value (even "identity") turns libcurl's decoding of
        // a gzip body on.
        if let decoding { referrald_curl_set_string(curl, CURLOPT_ACCEPT_ENCODING, decoding) }
        referrald_curl_set_write(curl, CURLOPT_WRITEFUNCTION, curlWrite)
        referrald_curl_set_pointer(curl, CURLOPT_WRITEDATA, unmanaged.toOpaque())
        referrald_curl_set_write(curl, CURLOPT_HEADERFUNCTION, curlHeader)
        referrald_curl_set_pointer(curl, CURLOPT_HEADERDATA, unmanaged.toOpaque())
        referrald_curl_set_long(curl, CURLOPT_NOPROGRESS, 0)
        referrald_curl_set_progress(curl, curlProgress)
        referrald_curl_set_pointer(curl, CURLOPT_XFERINFODATA, unmanaged.toOpaque())

        let payload = body ?? Data()
        let code: CURLcode = payload.withUnsafeBytes { bytes in
            switch method {
            case "GET":
                referrald_curl_set_long(curl, CURLOPT_HTTPGET, 1)
            case "HEAD":
                referrald_curl_set_long(curl, CURLOPT_NOBODY, 1)
            default:
                referrald_curl_set_string(curl, CURLOPT_CUSTOMREQUEST, method)
                referrald_curl_set_off(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                referrald_curl_set_pointer(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
            return curl_easy_perform(curl)
        }
        if code != CURLE_OK { throw Self.error(code, context: context) }
        var status = 0
        referrald_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
        var connects = 0
        referrald_curl_get_long(curl, CURLINFO_NUM_CONNECTS, &connects)
        handles.opened(connects)
        reusable = true
        return Response(status: status, headers: context.headers)
    }

    private static func error(_ code: CURLcode, context: TransferContext) -> MeshError {
        if let failure = context.failure { return failure }
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION: return .certificate
        case CURLE_SSL_CERTPROBLEM: return .credential(what: "client certificate", path: "")
        case CURLE_SSL_CACERT_BADFILE: return .credential(what: "ca certificate", path: "")
        case CURLE_ABORTED_BY_CALLBACK: return .stopped
        case CURLE_COULDNT_CONNECT: return .unavailable(reason: "refused")
        case CURLE_COULDNT_RESOLVE_HOST: return .unavailable(reason: "dns")
        case CURLE_OPERATION_TIMEDOUT: return .unavailable(reason: "timeout")
        case CURLE_SSL_CONNECT_ERROR: return .unavailable(reason: "tls_handshake")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return .unavailable(reason: "connection_lost")
        default: return .unavailable(reason: "curl_\(code.rawValue)")
        }
    }
}

/// The state the C callbacks reach through their user-data pointer.
private final class TransferContext {
    let sink: (UnsafeRawBufferPointer) throws -> Void
    let stop: @Sendable () -> Bool
    var headers: [String: String] = [:]
    var failure: MeshError?

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void, stop: @escaping @Sendable () -> Bool) {
        self.sink = sink
        self.stop = stop
    }
}

private func curlWrite(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let user else { return 0 }
    let context = Unmanaged<TransferContext>.fromOpaque(user).takeUnretainedValue()
    let length = size * count
    do {
        try context.sink(UnsafeRawBufferPointer(start: data, count: length))
        return length
    } catch let error as MeshError {
        context.failure = error
        return 0
    } catch {
        context.failure = .sink(errno: EIO)
        return 0
    }
}

private func curlHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let user, let data else { return 0 }
    let context = Unmanaged<TransferContext>.fromOpaque(user).takeUnretainedValue()
    let length = size * count
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        context.headers = [:]  // a new response (after a 100 Continue, say)
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        context.headers[name] = value
    }
    return length
}

private func curlProgress(_ user: UnsafeMutableRawPointer?, _: curl_off_t, _: curl_off_t, _: curl_off_t, _: curl_off_t) -> Int32 {
    guard let user else { return 0 }
    let context = Unmanaged<TransferContext>.fromOpaque(user).takeUnretainedValue()
    return context.stop() ? 1 : 0
}
