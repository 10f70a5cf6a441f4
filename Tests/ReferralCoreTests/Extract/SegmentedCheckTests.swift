import FuzzTargets
import Testing
@testable import ReferralCore

/// `check` of a CSV read in stretches on several threads must give exactly the one-pass check:
/// counts, every issue and its order, partner references and the `values:` tally.
@Suite struct SegmentedCheckTests {
    /// The one-pass check (a roomy filter: its flags are resolved exactly anyway).
    func onePass(_ bytes: [UInt8], _ profile: PartnerProfile) throws -> ExtractCheck {
        try ExtractCheck.run(source: MemoryByteSource(bytes, maxChunk: 4096), profile: profile, arrivalDate: testArrival)
    }

    func segmented(_ bytes: [UInt8], _ profile: PartnerProfile, segments: Int, bits: Int = 1 << 16,
                   threshold: Int64 = 0, lastFirst: Bool = false) throws -> (check: ExtractCheck, run: SegmentedRun) {
        try ExtractCheck.runSegmented(csv: MemoryBytes(bytes), profile: profile, arrivalDate: testArrival, segments: segments,
                                      threshold: threshold, options: CSVOptions(), keyFilterBits: bits, lastFirst: lastFirst)
    }

    /// Records every difference between two checks (`FuzzTarget.differences`, the fuzzer's invariant).
    func expectSame(_ got: ExtractCheck, _ want: ExtractCheck, _ context: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(FuzzTarget.differences(got, want) == [], Comment(rawValue: context), sourceLocation: sourceLocation)
    }

    // MARK: - Generated files

    @Test func generatedFilesGiveTheOnePassCheck() throws {
        var splits = 0, fallbacks = 0, rereads = 0, laterMisses = 0
        for seed in 1...300 as ClosedRange<UInt64> {
            let file = SegmentedCheckFile(seed: seed)
            let want = try onePass(file.bytes, file.profile)
            #expect(want.rows > 0)
            for segments in 2...4 {
                // A roomy filter and a saturated one (every accepted row flagged); the stretches
                // on threads, and one after another, the last first.
                for (bits, lastFirst) in [(1 << 16, false), (64, false), (1 << 16, true), (64, true)] {
                    let (got, run) = try segmented(file.bytes, file.profile, segments: segments, bits: bits, lastFirst: lastFirst)
                    expectSame(got, want, "seed \(seed), \(segments) segments, \(bits) bits, last first: \(lastFirst)")
                    if run.segments > 1 { splits += 1 }
                    if run.used < run.segments { fallbacks += 1 }
                    if run.rereadThrough > 0 { rereads += 1 }
                    laterMisses += run.unflaggedDuplicates
                }
            }
        }
        // The cases above really took the paths they are meant to.
        #expect(splits > 2_000)
        #expect(fallbacks > 0)
        #expect(rereads > 0)
        #expect(laterMisses > 0)
    }

    // MARK: - Chosen cases

    static let header = "partner_ref,referral_date,nhs_number,sex,reason\n"

    /// `count` accepted rows with distinct keys `K0`…, each `width` bytes or so.
    static func rows(_ range: Range<Int>, reason: String = "plain") -> String {
        range.map { "K\($0),2024-05-01,9876543210,M,\(reason)\n" }.joined()
    }

    @Test func aStrayQuoteMakesTheStretchBeforeReadOn() throws {
        // After the stray quote every LF outside quotes follows an odd number of quotes, so the
        // guessed starts fall inside the quoted reasons: not record boundaries.
        let text = Self.header + "S1,2024-05-01,9876\"543210,M,x\n"
            + (0..<60).map { "K\($0),2024-05-01,9876543210,M,\"first line\nsecond, line\"\n" }.joined()
            + "K7,2024-05-02,9876543210,M,\"again\"\n"
        let bytes = Array(text.utf8)
        let want = try onePass(bytes, .standard)
        #expect(want.rejected == 1)
        #expect(want.duplicates == 1)
        for segments in 2...4 {
            let (got, run) = try segmented(bytes, .standard, segments: segments)
            expectSame(got, want, "\(segments) segments")
            #expect(run.segments == segments)
            #expect(run.used == 1)
        }
    }

    @Test func cleanStretchesAreAllUsed() throws {
        let bytes = Array((Self.header + Self.rows(0..<200)).utf8)
        let (got, run) = try segmented(bytes, .standard, segments: 4)
        expectSame(got, try onePass(bytes, .standard), "clean")
        #expect(run.segments == 4)
        #expect(run.used == 4)
        #expect(run.rereadThrough == 0)
        #expect(got.accepted == 200)
    }

    @Test func threeOccurrencesInThreeStretches() throws {
        let text = Self.header + "D1,2024-05-01,9876543210,M,first\n" + Self.rows(0..<100)
            + "D1,2024-05-02,9876543210,X,second\n" + Self.rows(100..<200) + "D1,2024-05-03,9876543210,M,third\n"
        let bytes = Array(text.utf8)
        let want = try onePass(bytes, .standard)
        #expect(want.duplicates == 2)
        #expect(want.issues.map { "\($0.row):\($0.rule)" } == ["102:sex.invalid", "102:row.duplicate", "203:row.duplicate"])
        for bits in [1 << 16, 64] {
            for lastFirst in [false, true] {
                let (got, run) = try segmented(bytes, .standard, segments: 3, bits: bits, lastFirst: lastFirst)
                expectSame(got, want, "\(bits) bits, last first: \(lastFirst)")
                #expect(run.used == 3)
            }
        }
        // Read last first, the last D1 reaches the filter first: not flagged, yet a duplicate.
        #expect(try segmented(bytes, .standard, segments: 3, lastFirst: true).run.unflaggedDuplicates == 1)
    }

    @Test func aRefusedFirstOccurrenceInAnEarlierStretch() throws {
        let text = Self.header + "D1,2099-01-01,9876543210,M,future\n" + Self.rows(0..<150)
            + "D1,2024-05-01,9876543210,M,accepted\n" + Self.rows(150..<300) + "D1,2024-05-01,9876543210,M,duplicate\n"
        let bytes = Array(text.utf8)
        let want = try onePass(bytes, .standard)
        #expect(want.issues.map { "\($0.row):\($0.rule)" } == ["1:referral_date.future", "303:row.duplicate"])
        for segments in 2...4 {
            for bits in [1 << 16, 64] {
                for lastFirst in [false, true] {
                    expectSame(try segmented(bytes, .standard, segments: segments, bits: bits, lastFirst: lastFirst).check, want,
                               "\(segments) segments, \(bits) bits, last first: \(lastFirst)")
                }
            }
        }
    }

    @Test func derivedKeysWithoutAReferenceColumn() throws {
        var text = "referral_date,nhs_number,referral_source\n"
        for i in 0..<200 { text += "2024-05-01,\(nhsNumber(nineDigits: 400_000_000 + i * 7) ?? "4000000632"),6\n" }
        text += "01/05/2024,987 654 3210,Police\n" + text.split(separator: "\n").dropFirst().prefix(5).map { $0 + "\n" }.joined()
        let bytes = Array(text.utf8)
        let want = try onePass(bytes, .standard)
        #expect(want.duplicates >= 5)
        for bits in [1 << 16, 64] {
            expectSame(try segmented(bytes, .standard, segments: 3, bits: bits).check, want, "\(bits) bits")
        }
    }

    @Test func bannerRowsAboveTheHeader() throws {
        var profile = PartnerProfile.standard
        profile.headerRow = 3
        let text = "\u{FEFF}Referrals export,\"run 7, nightly\"\n\n" + Self.header + Self.rows(0..<120)
            + "K5,2024-05-01,9876543210,Q,\"late\r\nrepeat\"\r\n" + Self.rows(120..<130)
        let bytes = Array(text.utf8)
        let want = try onePass(bytes, profile)
        #expect(want.issues.map { "\($0.row):\($0.rule)" } == ["121:sex.invalid", "121:row.duplicate"])
        let (got, run) = try segmented(bytes, profile, segments: 2)
        expectSame(got, want, "banners")
        #expect(run.used == 2)
    }

    @Test func tooManyDistinctValuesToMergeAreCountedInOnePass() throws {
        // More distinct unmapped sex values than one tally keeps: which it keeps depends on
        // the order, so the stretches' tallies cannot be merged and the file is read again.
        let rows = (0..<(UnrecognisedValues.distinctLimit + 3_000)).map { "K\($0),2024-05-01,9876543210,v\($0 % 9_000)w\($0 / 9_000),x\n" }
        let bytes = Array((Self.header + rows.joined()).utf8)
        let want = try onePass(bytes, .standard)
        #expect(want.unrecognised.droppedAny)
        let (got, run) = try segmented(bytes, .standard, segments: 2)
        expectSame(got, want, "distinct values")
        #expect(run.redone)
    }

    @Test func aFileBelowTheThresholdIsReadInOnePass() throws {
        let bytes = Array((Self.header + Self.rows(0..<50) + "K3,2024-05-01,9876543210,M,x\n").utf8)
        let (got, run) = try segmented(bytes, .standard, segments: 2, threshold: Int64(bytes.count) + 1)
        expectSame(got, try onePass(bytes, .standard), "small")
        #expect(run == SegmentedRun())
        #expect(got.duplicates == 1)
    }

    @Test func aRefusedHeaderRefusesTheFile() throws {
        let bytes = Array(("partner_ref,nhs_number\n" + Self.rows(0..<50)).utf8)
        let (got, _) = try segmented(bytes, .standard, segments: 2)
        #expect(got.refusal?.rule == "file.missing_columns")
        expectSame(got, try onePass(bytes, .standard), "refused")
    }

    // MARK: - Split points

    @Test func splitsFollowAnLFAfterAnEvenNumberOfQuotes() throws {
        for seed in 1...50 as ClosedRange<UInt64> {
            let bytes = SegmentedCheckFile(seed: seed).bytes
            let splits = try CheckSplits.offsets(MemoryBytes(bytes), from: 0, count: 4)
            #expect(splits == splits.sorted() && Set(splits).count == splits.count)
            for split in splits {
                #expect(split > 0 && split < Int64(bytes.count))
                #expect(bytes[Int(split) - 1] == 0x0A)
                #expect(bytes[..<Int(split)].count { $0 == 0x22 } % 2 == 0)
            }
        }
    }

    @Test func quotesAreCountedEightAtATime() {
        let text: [UInt8] = Array("a\"\"b\"ccccccc\"\"\"\"dd\u{00A2}\"xyz\"\"".utf8)
        for start in 0..<text.count {
            let want = text[start...].count { $0 == 0x22 }
            let got = text.withUnsafeBufferPointer { CheckSplits.countQuotes($0.baseAddress! + start, text.count - start) }
            #expect(got == want)
        }
    }
}
