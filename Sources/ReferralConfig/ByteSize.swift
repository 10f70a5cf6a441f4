/// Sizes as the configuration writes them: a number of bytes, or `100MB`, `2GiB`, `512KiB`.
enum ByteSize {
    static func parse(_ node: StrictNode) throws(ConfigError) -> Int64 {
        let text = try node.string()
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let amount = Int64(digits) else { throw node.error("expected a size such as 500MB or 2GiB") }
        let units: [String: Int64] = [
            "": 1, "B": 1, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000,
            "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30,
        ]
        guard let unit = units[String(text.dropFirst(digits.count))] else { throw node.error("expected a size such as 500MB or 2GiB") }
        let (bytes, overflow) = amount.multipliedReportingOverflow(by: unit)
        guard !overflow, bytes >= 1024 else { throw node.error("the size is out of range") }
        return bytes
    }
}
