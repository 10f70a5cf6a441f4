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
    /// The last start or end tag's local name, and the last text's raw bytes, as ranges of the
    /// buffer: valid until the next call of `next()`.
    private var nameStart = 0
    private var nameEnd = 0
    private var textStart = 0
    private var textEnd = 0
    /// The last text had entities: its decoded bytes are in `decodedText`.
    private var textDecoded = false
    private var decodedText: [UInt8] = []
    /// The last start tag closed itself (`<c r="A1"/>`); no end event follows it.
    public private(set) var selfClosing = false
    /// Four buffer indices per attribute: local name start and end, raw value start and end.
    private var attributes: [Int] = []
    private var attributeCount = 0
    public private(set) var depth = 0
    private var atStart = true

    public init(source: Source, part: String, maxToken: Int = 8 << 20) {
        self.source = source
        self.part = part
        self.maxToken = maxToken
        self.buffer = [UInt8](repeating: 0, count: 256 << 10)
    }

    /// The last tag's local name.
    public var name: [UInt8] { Array(buffer[nameStart..<nameEnd]) }

    public func nameIs(_ local: StaticString) -> Bool {
        equals(nameStart..<nameEnd, local)
    }

    private func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        return buffer.withUnsafeBufferPointer { b in
            literal.withUTF8Buffer { l in
                for i in 0..<l.count where b[range.lowerBound + i] != l[i] { return false }
                return true
            }
        }
    }

    /// The raw (undecoded) value of the last start tag's attribute with this local name.
    private func attributeRange(_ local: StaticString) -> Range<Int>? {
        var i = 0
        while i < attributeCount {
            if equals(attributes[4 * i]..<attributes[4 * i + 1], local) { return attributes[4 * i + 2]..<attributes[4 * i + 3] }
            i += 1
        }
        return nil
    }

    /// The decoded value of the last start tag's attribute with this local name.
    public func attribute(_ local: StaticString) -> [UInt8]? {
        guard let range = attributeRange(local) else { return nil }
        var out: [UInt8] = []
        _ = XMLEntities.decode(buffer[range], into: &out)
        return out
    }

    public func attributeString(_ local: StaticString) -> String? {
        attribute(local).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The attribute's raw bytes (for values that never hold entities: references, numbers, types).
    public func withAttribute<R>(_ local: StaticString, _ body: (ArraySlice<UInt8>?) -> R) -> R {
        body(attributeRange(local).map { buffer[$0] })
    }

    /// The attribute as a non-negative whole number; nil when absent or not one.
    public func attributeInt(_ local: StaticString) -> Int? {
        guard let range = attributeRange(local), !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for i in range {
            let d = buffer[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    /// The last text's length in bytes, decoded.
    public var textCount: Int { textDecoded ? decodedText.count : textEnd - textStart }

    /// Appends the last text, decoded, to `out`.
    public func appendText(to out: inout [UInt8]) {
        if textDecoded { out.append(contentsOf: decodedText) } else { out.append(contentsOf: buffer[textStart..<textEnd]) }
    }

    /// The last text, decoded.
    public var text: [UInt8] {
        var out: [UInt8] = []
        appendText(to: &out)
        return out
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
            let stop = end
            let found = buffer.withUnsafeBufferPointer { b -> Int? in
                while at < stop {
                    if b[at] == byte { return at }
                    at += 1
                }
                return nil
            }
            if let found { return found }
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
        if end - pos < 2 { _ = try fillMore() }
        let second = end - pos >= 2 ? buffer[pos + 1] : 0
        if second == UInt8(ascii: "?") || second == UInt8(ascii: "!") { return try markup() }
        return try element()
    }

    /// `<?…?>`, `<!--…-->`, `<![CDATA[…]]>`; anything else after `<!` is a DTD, refused.
    private mutating func markup() throws -> Event? {
        if try startsWith("<?", at: 0) { try skip(past: "?>", what: "a processing instruction"); return nil }
        if try startsWith("<!--", at: 0) { try skip(past: "-->", what: "a comment"); return nil }
        if try startsWith("<![CDATA[", at: 0) {
            let close = try offset(of: "]]>", from: 9, what: "a CDATA section")
            textStart = pos + 9
            textEnd = pos + close
            textDecoded = false
            pos += close + 3
            return depth > 0 ? .text : nil
        }
        throw malformed("carries a DTD (<!DOCTYPE or <!ENTITY), which Excel never writes")
    }

    private mutating func element() throws -> Event? {
        // The tag's end: the first '>' outside a quoted attribute value.
        var at = pos + 1
        var quote: UInt8 = 0
        var close = -1
        while close < 0 {
            let stop = end
            close = buffer.withUnsafeBufferPointer { b -> Int in
                while at < stop {
                    let byte = b[at]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        return at
                    }
                    at += 1
                }
                return -1
            }
            if close < 0 {
                let consumed = at - pos
                guard try fillMore() else { throw malformed("ends inside a tag") }
                at = pos + consumed
            }
        }
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
        guard nameEnd > nameStart else { throw malformed("has a tag without a name") }
        attributeCount = 0
        let bytes = buffer
        try bytes.withUnsafeBufferPointer { b in
            while true {
                while i < limit, Self.isSpace(b[i]) { i += 1 }
                if i >= limit { break }
                let attributeStart = i
                var localStart = i
                while i < limit, b[i] != UInt8(ascii: "="), !Self.isSpace(b[i]) {
                    if b[i] == UInt8(ascii: ":") { localStart = i + 1 }
                    i += 1
                }
                let nameEnd = i
                while i < limit, Self.isSpace(b[i]) { i += 1 }
                guard i < limit, b[i] == UInt8(ascii: "="), nameEnd > attributeStart else { throw malformed("has an attribute without a value") }
                i += 1
                while i < limit, Self.isSpace(b[i]) { i += 1 }
                guard i < limit, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else {
                    throw malformed("has an unquoted attribute value")
                }
                let q = b[i]
                i += 1
                let valueStart = i
                while i < limit, b[i] != q { i += 1 }
                guard i < limit else { throw malformed("has an unterminated attribute value") }
                if 4 * attributeCount == attributes.count { attributes.append(contentsOf: [0, 0, 0, 0]) }
                attributes[4 * attributeCount] = localStart
                attributes[4 * attributeCount + 1] = nameEnd
                attributes[4 * attributeCount + 2] = valueStart
                attributes[4 * attributeCount + 3] = i
                attributeCount += 1
                i += 1
            }
        }
        // Attribute values must decode (an unknown entity is malformed even where unread).
        for k in 0..<attributeCount {
            let range = attributes[4 * k + 2]..<attributes[4 * k + 3]
            if buffer[range].contains(UInt8(ascii: "&")) {
                decodedText.removeAll(keepingCapacity: true)
                try decode(range, into: &decodedText)
            }
        }
        if !selfClosing { depth += 1 }
        return .start
    }

    /// Reads a tag name's local part (without its prefix) into `nameStart..<nameEnd`; returns the index after it.
    @discardableResult
    private mutating func readName(from start: Int, to limit: Int) -> Int {
        var i = start
        var localStart = start
        while i < limit, !Self.isSpace(buffer[i]), buffer[i] != UInt8(ascii: "/") {
            if buffer[i] == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        nameStart = localStart
        nameEnd = i
        return i
    }

    private mutating func textRun() throws {
        let stop = try find(UInt8(ascii: "<"), from: 0) ?? end
        textStart = pos
        textEnd = stop
        textDecoded = buffer[pos..<stop].contains(UInt8(ascii: "&"))
        if textDecoded {
            decodedText.removeAll(keepingCapacity: true)
            try decode(pos..<stop, into: &decodedText)
        }
        pos = stop
        if depth == 0 {
            for byte in buffer[textStart..<textEnd] where !Self.isSpace(byte) { throw malformed("has text outside its root element") }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Appends `range` of the buffer to `out` with entities decoded.
    private func decode(_ range: Range<Int>, into out: inout [UInt8]) throws {
        guard XMLEntities.decode(buffer[range], into: &out) else { throw malformed("uses an undeclared or unterminated entity") }
    }
}
