/// The rows of one stretch of a CSV file, read on a thread of its own (`ExtractCheck.run(csv:)`).
///
/// The stretch starts at a record boundary and ends where the next stretch starts, but that
/// start was a guess (an LF after an even number of quotes). So the rows end at the first later
/// start they land on exactly, which confirms it; passing a start without landing on it (a
/// stray quote upset the guess) reads on into that stretch, whose own rows are then not used.
struct SegmentRows: RowSource {
    /// Where the rows ended: filled in when `advance()` first returns false.
    final class End {
        /// Rows (CSV records, blank lines too) read.
        var records = 0
        /// The index in `starts` of the stretch start the rows ended at; `starts.count` at the end of the file.
        var index = 0
    }

    private var rows: CSVRowSource<RandomAccessByteSource>
    private let starts: [Int64]
    private var nextStart: Int
    let end = End()

    /// The rows of `bytes` from `starts[index]`, ending at a later element of `starts` (ascending).
    init(_ bytes: any RandomAccessBytes, starts: [Int64], index: Int, profile: PartnerProfile, options: CSVOptions) {
        rows = CSVRowSource(bytes: RandomAccessByteSource(bytes, from: starts[index]), profile: profile,
                            options: options, startingAt: starts[index])
        self.starts = starts
        nextStart = index + 1
    }

    mutating func advance() throws -> Bool {
        let offset = rows.nextRecordOffset
        while nextStart < starts.count, starts[nextStart] < offset { nextStart += 1 }
        if nextStart < starts.count, starts[nextStart] == offset {
            return ended(at: nextStart)
        }
        if try rows.advance() { return true }
        return ended(at: starts.count)
    }

    private func ended(at index: Int) -> Bool {
        end.records = rows.position
        end.index = index
        return false
    }

    var position: Int { rows.position }
    var isBlank: Bool { rows.isBlank }
    var malformation: RowMalformation? { rows.malformation }
    var fieldCount: Int { rows.fieldCount }
    var rawContent: [UInt8] { rows.rawContent }
    @inline(__always) func text(at index: Int) -> FieldText { rows.text(at: index) }
}
