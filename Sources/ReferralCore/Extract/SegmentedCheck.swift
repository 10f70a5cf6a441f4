import Dispatch
import Synchronization

/// How `ExtractCheck.run(csv:)` read a file: for tests and measurements.
struct SegmentedRun: Sendable, Equatable {
    /// Stretches read on their own (1: the file was read in one pass).
    var segments = 1
    /// Stretches whose rows were used; fewer when a guessed start was not a record boundary.
    var used = 1
    /// Whether the whole file was read again in one pass (the `values:` tally could not be merged).
    var redone = false
    /// The last row read again for the duplicate rule (0: none read again).
    var rereadThrough = 0
    /// Rows the key filter did not flag that the second look made duplicates.
    var unflaggedDuplicates = 0
}

/// What one thread learnt from its stretch.
struct SegmentOutcome: Sendable {
    var tally: CheckTally
    /// Rows (CSV records) read, blank lines too.
    var records: Int
    /// The index of the stretch whose start the rows ended at (the number of stretches: the file's end).
    var endIndex: Int
    /// See `SharedKeys.progressAtLastFlag`.
    var progressAtLastFlag: [Int]
}

extension ExtractCheck {
    /// Files smaller than this are checked in one pass.
    public static let defaultSplitThreshold: Int64 = 8 << 20

    /// Checks a CSV extract on `segments` threads, each reading a stretch of the file; the result
    /// is the one pass's (`run(source:)`), to every issue and its order. Files smaller than
    /// `splitThreshold` are read in one pass (the fuzzer splits every file).
    public static func run(
        csv bytes: any RandomAccessBytes & Sendable, profile: PartnerProfile, arrivalDate: CivilDate, segments: Int,
        options: CSVOptions = CSVOptions(), splitThreshold: Int64 = defaultSplitThreshold
    ) throws -> ExtractCheck {
        try runSegmented(csv: bytes, profile: profile, arrivalDate: arrivalDate, segments: segments,
                         threshold: splitThreshold, options: options, keyFilterBits: defaultKeyFilterBits).check
    }

    /// `threshold` and `keyFilterBits`: tests split small files and saturate the filter;
    /// `lastFirst` reads the stretches one after another, the last first (keys then arrive at
    /// the filter as out of file order as they can, the same in every run).
    static func runSegmented(
        csv bytes: any RandomAccessBytes & Sendable, profile: PartnerProfile, arrivalDate: CivilDate, segments: Int,
        threshold: Int64, options: CSVOptions, keyFilterBits: Int, lastFirst: Bool = false
    ) throws -> (check: ExtractCheck, run: SegmentedRun) {
        let onePass = {
            try run(source: bytes.byteSource(), profile: profile, arrivalDate: arrivalDate, options: options, keyFilterBits: keyFilterBits)
        }
        guard segments > 1, bytes.size >= threshold else { return (try onePass(), SegmentedRun()) }

        // The header as in one pass; the stretches start after it.
        var header = ExtractScanner(rows: CSVRowSource(bytes: bytes.byteSource(), profile: profile, options: options),
                                    profile: profile, arrivalDate: arrivalDate)
        let warnings: [RowIssue]
        do {
            warnings = try header.readHeader()
        } catch let refusal as FileRefusal {
            return (ExtractCheck(refusal: refusal), SegmentedRun())
        }
        guard let columns = header.columns else { preconditionFailure("readHeader() resolves the columns") }
        let dataStart = try headerEnd(bytes, profile: profile, options: options)
        let starts = [dataStart] + (try CheckSplits.offsets(bytes, from: dataStart, count: segments))
        let outcomes = readSegments(bytes, starts: starts, profile: profile, arrivalDate: arrivalDate, columns: columns,
                                    options: options, keyFilterBits: keyFilterBits, lastFirst: lastFirst)

        // The used stretches, in file order: each ends where the next used one starts.
        var stats = SegmentedRun(segments: starts.count, used: 0)
        var tally = CheckTally()
        tally.check.issues = warnings
        var rowOffsets = [Int?](repeating: nil, count: starts.count)
        var used: [SegmentOutcome] = []
        var index = 0, rowOffset = 0
        while index < starts.count {
            let outcome = try outcomes[index].get()
            rowOffsets[index] = rowOffset
            used.append(outcome)
            guard tally.append(outcome.tally, rowOffset: rowOffset) else {
                stats.redone = true
                return (try onePass(), stats)
            }
            rowOffset += outcome.records
            index = outcome.endIndex
        }
        stats.used = used.count

        // A repeated key's one unflagged row lies at or before the other threads' rows when a
        // row with that key was flagged: read again at least that far.
        var through = 0
        for outcome in used {
            for (thread, row) in outcome.progressAtLastFlag.enumerated() where row > 0 {
                if let offset = rowOffsets[thread] { through = max(through, offset + row) }
            }
        }
        stats.unflaggedDuplicates = try tally.resolveDuplicates(again: { CSVRowSource(bytes: bytes.byteSource(), profile: profile, options: options) },
                                    profile: profile, arrivalDate: arrivalDate, columns: columns, through: through)
        if let last = tally.flagged.last { stats.rereadThrough = max(last.row, through) }
        return (tally.check, stats)
    }

    /// The offset where the row after the header starts.
    private static func headerEnd(_ bytes: any RandomAccessBytes, profile: PartnerProfile, options: CSVOptions) throws -> Int64 {
        var options = options
        options.delimiter = profile.delimiter
        var reader = CSVReader(source: bytes.byteSource(), options: options)
        var record = CSVRecord()
        for _ in 0..<max(profile.headerRow, 1) {
            guard try reader.next(into: &record) else { break }
        }
        return reader.nextRecordOffset
    }

    /// Reads each stretch on a thread of its own, all through one key filter.
    private static func readSegments(
        _ bytes: any RandomAccessBytes & Sendable, starts: [Int64], profile: PartnerProfile, arrivalDate: CivilDate,
        columns: ColumnMap, options: CSVOptions, keyFilterBits: Int, lastFirst: Bool
    ) -> [Result<SegmentOutcome, any Error>] {
        let keys = SharedKeyFilter(bitCount: keyFilterBits, threads: starts.count)
        let results = SegmentResults(count: starts.count)
        let read = { @Sendable (index: Int) in
            results.set(index, Result {
                let rows = SegmentRows(bytes, starts: starts, index: index, profile: profile, options: options)
                let end = rows.end
                var scanner = ExtractScanner(rows: rows, profile: profile, arrivalDate: arrivalDate, columns: columns)
                var segmentKeys = SharedKeys(keys, thread: index)
                var tally = CheckTally()
                try tally.scan(&scanner, keys: &segmentKeys)
                return SegmentOutcome(tally: tally, records: end.records, endIndex: end.index,
                                      progressAtLastFlag: segmentKeys.progressAtLastFlag)
            })
        }
        if lastFirst {
            for index in starts.indices.reversed() { read(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: starts.count, execute: read)
        }
        return results.all
    }
}

/// The threads' outcomes, each set once by its own thread.
private final class SegmentResults: Sendable {
    private let slots: Mutex<[Result<SegmentOutcome, any Error>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<SegmentOutcome, any Error>) {
        slots.withLock { $0[index] = result }
    }

    var all: [Result<SegmentOutcome, any Error>] {
        slots.withLock { $0.map { $0! } }
    }
}
