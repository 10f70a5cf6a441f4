/// A byte-level pull scanner for the XML Office writes: start and end tags with their
/// attributes, and text with the predefined and numeric entities decoded. Names lose their
/// namespace prefix (`x:c` reads `c`). A DTD (`<!DOCTYPE`, `<!ENTITY`) is refused: Excel never
/// writes one, so no entity is ever expanded. Memory: one token (a tag or a run of text) at a
/// time, at most `maxToken` bytes.
public struct XMLScanner<Source: ByteStream> {
    public enum Event: Equatable { case start, end, text, endOfDocument }

    public var source: Source
    /// The part's name, for messages.
    public let part: String
    let maxToken: Int
    private var buffer: [UInt8]
    private var pos = 0
    private var end = 0
    private var sourceDone = false
    /// The local name of the last start or end tag.
    public private(set) var name: [UInt8] = []
    /// The last start tag closed itself (`<c r="A1"/>`); no end event follows it.
    public private(set) var selfClosing = false
    /// The last text, decoded.
    public private(set) var text: [UInt8] = []
    private var attributeNames: [[UInt8]] = []
    private var attributeValues: [[UInt8]] = []
    private var attributeCount = 0
    public private(set) var depth = 0
    private var atStart = true

    public init(source: Source, part: String, maxToken: Int = 8 << 20) {
        self.source = source
        self.part = part
        self.maxToken = maxToken
        self.buffer = [UInt8](repeating: 0, count: 256 << 10)
    }

    /// The decoded value of the last start tag's attribute with this local name.
    public func attribute(_ local: String) -> [UInt8]? {
        for i in 0..<attributeCount where attributeNames[i].elementsEqual(local.utf8) { return attributeValues[i] }
        return nil
    }

    public func attributeString(_ local: String) -> String? {
        attribute(local).map { String(decoding: $0, as: UTF8.self) }
    }

    public func nameIs(_ local: StaticString) -> Bool {
        local.withUTF8Buffer { name.elementsEqual($0) }
    }

    public mutating func next() throws -> Event {
        if atStart {
            atStart = false
            if try startsWith("\u{FEFF}", at: 0) { pos += 3 }
        }
        while true {
            if pos == end, try !fill() {
                guard depth == 0 else { throw malformed("ends before its elements close (truncated)") }
                return .endOfDocument
            }
            if buffer[pos] == UInt8(ascii: "<") {
                if let event = try tag() { return event }
            } else {
                try textRun()
                if depth > 0 { return .text }
            }
        }
    }

    /// Skips to the end of the element whose start tag was just read.
    public mutating func skipElement() throws {
        if selfClosing { return }
        let target = depth - 1
        while depth > target {
            if try next() == .endOfDocument { return }
        }
    }

    // MARK: tokens

    private func malformed(_ what: String) -> WorkbookError {
        WorkbookError.malformed("the part \(part) is not well-formed XML: it \(what)")
    }

    /// Reads more bytes; false when the source is done and nothing is left.
    private mutating func fill() throws -> Bool {
        if pos > 0 {
            if pos < end { buffer.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: $0.baseAddress! + pos, byteCount: end - pos) } }
            end -= pos
            pos = 0
        }
        if sourceDone { return end > 0 }
        if end == buffer.count {
            guard buffer.count < maxToken else { throw malformed("has a tag or text longer than \(maxToken) bytes") }
            buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maxToken - buffer.count)))
        }
        let n = try buffer.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[end...])) }
        if n == 0 { sourceDone = true }
        end += n
        return end > pos
    }

    /// The index of `byte` at or after `from`, reading more as needed; nil at the end of the part.
    private mutating func find(_ byte: UInt8, from offset: Int) throws -> Int? {
        var at = pos + offset
        while true {
            while at < end {
                if buffer[at] == byte { return at }
                at += 1
            }
            let consumed = at - pos
            guard try fillMore() else { return nil }
            at = pos + consumed
        }
    }

    /// Like fill, but keeps what is buffered; false when nothing more arrived.
    private mutating func fillMore() throws -> Bool {
        let before = end - pos
        _ = try fill()
        return end - pos > before
    }

    private mutating func startsWith(_ literal: StaticString, at offset: Int) throws -> Bool {
        let count = literal.utf8CodeUnitCount
        while end - pos < offset + count { guard try fillMore() else { return false } }
        return literal.withUTF8Buffer { lit in
            for i in 0..<count where buffer[pos + offset + i] != lit[i] { return false }
            return true
        }
    }

    /// The offset (from `pos`) of `terminator` at or after `offset`, reading more as needed.
    private mutating func offset(of terminator: StaticString, from offset: Int, what: String) throws -> Int {
        var offset = offset
        while true {
            guard let at = try find(terminator.utf8Start.pointee, from: offset) else { throw malformed("ends inside \(what)") }
            let relative = at - pos
            if try startsWith(terminator, at: relative) { return relative }
            offset = relative + 1
        }
    }

    /// Skips past `terminator`, which must follow.
    private mutating func skip(past terminator: StaticString, what: String) throws {
        pos += try offset(of: terminator, from: 1, what: what) + terminator.utf8CodeUnitCount
    }

    private mutating func tag() throws -> Event? {
        if try startsWith("<?", at: 0) { try skip(past: "?>", what: "a processing instruction"); return nil }
        if try startsWith("<!--", at: 0) { try skip(past: "-->", what: "a comment"); return nil }
        if try startsWith("<![CDATA[", at: 0) {
            let close = try offset(of: "]]>", from: 9, what: "a CDATA section")
            text.removeAll(keepingCapacity: true)
            text.append(contentsOf: buffer[(pos + 9)..<(pos + close)])
            pos += close + 3
            return depth > 0 ? .text : nil
        }
        if try startsWith("<!", at: 0) { throw malformed("carries a DTD (<!DOCTYPE or <!ENTITY), which Excel never writes") }
        // The tag's end: the first '>' outside a quoted attribute value.
        var at = pos + 1
        var quote: UInt8 = 0
        while true {
            if at == end {
                let consumed = at - pos
                guard try fillMore() else { throw malformed("ends inside a tag") }
                at = pos + consumed
                continue
            }
            let byte = buffer[at]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            at += 1
        }
        let close = at
        defer { pos = close + 1 }
        if buffer[pos + 1] == UInt8(ascii: "/") {
            readName(from: pos + 2, to: close)
            guard depth > 0 else { throw malformed("closes an element it never opened") }
            depth -= 1
            return .end
        }
        selfClosing = buffer[close - 1] == UInt8(ascii: "/") && close - 1 > pos
        let limit = selfClosing ? close - 1 : close
        var i = readName(from: pos + 1, to: limit)
        guard !name.isEmpty else { throw malformed("has a tag without a name") }
        attributeCount = 0
        while true {
            while i < limit, Self.isSpace(buffer[i]) { i += 1 }
            if i >= limit { break }
            let nameStart = i
            while i < limit, buffer[i] != UInt8(ascii: "="), !Self.isSpace(buffer[i]) { i += 1 }
            let nameEnd = i
            while i < limit, Self.isSpace(buffer[i]) { i += 1 }
            guard i < limit, buffer[i] == UInt8(ascii: "=") else { throw malformed("has an attribute without a value") }
            i += 1
            while i < limit, Self.isSpace(buffer[i]) { i += 1 }
            guard i < limit, buffer[i] == UInt8(ascii: "\"") || buffer[i] == UInt8(ascii: "'") else {
                throw malformed("has an unquoted attribute value")
            }
            let q = buffer[i]
            i += 1
            let valueStart = i
            while i < limit, buffer[i] != q { i += 1 }
            guard i < limit else { throw malformed("has an unterminated attribute value") }
            if attributeCount == attributeNames.count { attributeNames.append([]); attributeValues.append([]) }
            attributeNames[attributeCount].removeAll(keepingCapacity: true)
            var localStart = nameStart
            for j in nameStart..<nameEnd where buffer[j] == UInt8(ascii: ":") { localStart = j + 1 }
            attributeNames[attributeCount].append(contentsOf: buffer[localStart..<nameEnd])
            attributeValues[attributeCount].removeAll(keepingCapacity: true)
            try decode(valueStart..<i, into: &attributeValues[attributeCount])
            attributeCount += 1
            i += 1
        }
        if !selfClosing { depth += 1 }
        return .start
    }

    /// Reads a tag name into `name` without its prefix; returns the index after it.
    @discardableResult
    private mutating func readName(from start: Int, to limit: Int) -> Int {
        var i = start
        var localStart = start
        while i < limit, !Self.isSpace(buffer[i]), buffer[i] != UInt8(ascii: "/") {
            if buffer[i] == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        name.removeAll(keepingCapacity: true)
        name.append(contentsOf: buffer[localStart..<i])
        return i
    }

    private mutating func textRun() throws {
        let stop = try find(UInt8(ascii: "<"), from: 0) ?? end
        text.removeAll(keepingCapacity: true)
        try decode(pos..<stop, into: &text)
        pos = stop
        if depth == 0 {
            for byte in text where !Self.isSpace(byte) { throw malformed("has text outside its root element") }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Appends `range` of the buffer to `out` with entities decoded.
    private func decode(_ range: Range<Int>, into out: inout [UInt8]) throws {
        var i = range.lowerBound
        var runStart = i
        while i < range.upperBound {
            guard buffer[i] == UInt8(ascii: "&") else { i += 1; continue }
            out.append(contentsOf: buffer[runStart..<i])
            var semicolon = i + 1
            while semicolon < range.upperBound, semicolon - i < 12, buffer[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < range.upperBound, buffer[semicolon] == UInt8(ascii: ";") else { throw malformed("has an unterminated entity") }
            let entity = buffer[(i + 1)..<semicolon]
            if entity.elementsEqual("lt".utf8) { out.append(UInt8(ascii: "<")) }
            else if entity.elementsEqual("gt".utf8) { out.append(UInt8(ascii: ">")) }
            else if entity.elementsEqual("amp".utf8) { out.append(UInt8(ascii: "&")) }
            else if entity.elementsEqual("quot".utf8) { out.append(UInt8(ascii: "\"")) }
            else if entity.elementsEqual("apos".utf8) { out.append(UInt8(ascii: "'")) }
            else if entity.first == UInt8(ascii: "#"), let scalar = Self.characterReference(entity.dropFirst()) {
                out.append(contentsOf: String(Character(scalar)).utf8)
            } else {
                throw malformed("uses an undeclared entity")
            }
            i = semicolon + 1
            runStart = i
        }
        out.append(contentsOf: buffer[runStart..<range.upperBound])
    }

    private static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var digits = digits
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") { radix = 16; digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for d in digits {
            guard let v = hexValue(d), v < radix else { return nil }
            value = value * radix + v
        }
        return Unicode.Scalar(value)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
