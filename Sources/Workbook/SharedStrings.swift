/// The shared-strings table: every `<si>`'s text (its runs joined, phonetic hints left out),
/// stored in one byte buffer. At most `maxBytes` of text (quality.md: 128 MiB), else `file.too_large`.
public struct SharedStrings: Sendable {
    public static let maxBytes = 128 << 20
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    public var count: Int { ends.count }

    public subscript(index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }

    static func read<S: ByteStream>(_ scanner: inout XMLScanner<S>, maxBytes: Int = SharedStrings.maxBytes) throws -> SharedStrings {
        var table = SharedStrings()
        var inItem = false, inText = false, phonetic = 0
        while true {
            switch try scanner.next() {
            case .endOfDocument:
                return table
            case .start:
                if scanner.nameIs("si") { inItem = !scanner.selfClosing; if scanner.selfClosing { table.ends.append(table.bytes.count) } }
                else if scanner.nameIs("rPh") { if !scanner.selfClosing { phonetic += 1 } }
                else if scanner.nameIs("t") { inText = inItem && phonetic == 0 && !scanner.selfClosing }
            case .end:
                if scanner.nameIs("si") {
                    inItem = false
                    guard table.ends.count < 16 << 20 else { throw WorkbookError(.tooLarge, "the shared-strings table has too many entries") }
                    table.ends.append(table.bytes.count)
                } else if scanner.nameIs("rPh") { phonetic -= 1 }
                else if scanner.nameIs("t") { inText = false }
            case .text:
                guard inText else { continue }
                scanner.appendText(to: &table.bytes)
                guard table.bytes.count <= maxBytes else {
                    throw WorkbookError(.tooLarge, "the shared-strings table is larger than \(maxBytes >> 20) MiB")
                }
            }
        }
    }
}
