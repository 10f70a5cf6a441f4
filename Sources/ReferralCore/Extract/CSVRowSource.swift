/// CSV as a `RowSource`: the byte-level `CSVReader`, fields decoded in the profile's encoding
/// only when the scanner asks for them (one `String` per mapped, non-empty field).
public struct CSVRowSource<Bytes: ByteSource>: RowSource {
    private var reader: CSVReader<Bytes>
    private var record = CSVRecord()
    private let encoding: TextEncoding

    /// The profile's delimiter replaces `options.delimiter`.
    public init(bytes: Bytes, profile: PartnerProfile, options: CSVOptions = CSVOptions()) {
        self.init(bytes: bytes, profile: profile, options: options, startingAt: 0)
    }

    /// `bytes` start at `offset` of the file (a stretch of it read on its own; see `CSVReader`).
    public init(bytes: Bytes, profile: PartnerProfile, options: CSVOptions = CSVOptions(), startingAt offset: Int64) {
        var options = options
        options.delimiter = profile.delimiter
        self.reader = CSVReader(source: bytes, options: options, startingAt: offset)
        self.encoding = profile.encoding
    }

    /// The offset in the file where the next row starts.
    public var nextRecordOffset: Int64 { reader.nextRecordOffset }

    public mutating func advance() throws -> Bool {
        try reader.next(into: &record)
    }

    public var position: Int { record.number }

    public var isBlank: Bool { record.raw.isEmpty && record.malformation == nil }

    public var fieldCount: Int { record.count }

    public var rawContent: [UInt8] { record.raw }

    public var malformation: RowMalformation? {
        switch record.malformation {
        case nil: nil
        case .unterminatedQuote: RowMalformation(field: nil, message: "a quoted field is not closed before the end of the file")
        case .strayQuote(let field): RowMalformation(field: field, message: "a quote appears inside an unquoted field or after a closing quote")
        case .fieldTooLong(let field): RowMalformation(field: field, message: "a field is longer than the reader's limit")
        case .tooManyFields: RowMalformation(field: nil, message: "the row has more fields than the reader's limit")
        case .recordTooLong: RowMalformation(field: nil, message: "the row is longer than the reader's limit")
        }
    }

    @inline(__always)
    public func text(at index: Int) -> FieldText {
        record.withField(index) { bytes in
            if bytes.isEmpty { return .empty }
            guard let text = encoding.decode(bytes, refusingNUL: true) else {
                return .unreadable(reason: "bytes invalid in \(encoding.rawValue)")
            }
            return .text(text)
        }
    }
}
