import Testing
@testable import ReferralCore

@Suite("CSVReader named cases")
struct CSVReaderTests {
    @Test func bomIsRemoved() throws {
        let records = try readAll([0xEF, 0xBB, 0xBF] + b("a,b\n1,2\n"), maxChunk: 1)
        #expect(fieldStrings(records) == [["a", "b"], ["1", "2"]])
        #expect(records[0].raw == b("a,b"))
    }

    @Test func bomOnlyAtStart() throws {
        let records = try readAll(b("a\n") + [0xEF, 0xBB, 0xBF] + b("x\n"))
        #expect(records[1].fields == [[0xEF, 0xBB, 0xBF] + b("x")])
    }

    @Test func nextRecordOffsetIsWhereTheNextRecordStarts() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + b("a,\"b\nc\"\r\n\n1,2\r3\r\nlast")
        for maxChunk in [1, 3, 64] {
            var reader = CSVReader(source: MemoryByteSource(bytes, maxChunk: maxChunk))
            var record = CSVRecord()
            var offsets: [Int64] = [reader.nextRecordOffset]
            while try reader.next(into: &record) { offsets.append(reader.nextRecordOffset) }
            #expect(offsets == [0, 12, 13, 20, 24])
        }
        // A reader of a stretch that starts later counts from there and keeps a BOM as content.
        let rest = [0xEF, 0xBB, 0xBF] + b("x\n")
        var reader = CSVReader(source: MemoryByteSource(rest), startingAt: 100)
        var record = CSVRecord()
        #expect(try reader.next(into: &record))
        #expect(record.fields == [[0xEF, 0xBB, 0xBF] + b("x")])
        #expect(reader.nextRecordOffset == 105)
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try readAll([UInt8]()).isEmpty)
        #expect(try readAll([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test func headerOnly() throws {
        let records = try readAll("id,name\r\n")
        #expect(fieldStrings(records) == [["id", "name"]])
        #expect(records[0].number == 1 && records[0].line == 1)
    }

    @Test func finalRecordWithoutNewline() throws {
        #expect(fieldStrings(try readAll("a,b\n1,2")) == [["a", "b"], ["1", "2"]])
        #expect(fieldStrings(try readAll("a,b\n\"1\",\"2\"")) == [["a", "b"], ["1", "2"]])
    }

    @Test func crlfInsideQuotesIsKept() throws {
        let records = try readAll("\"x\r\ny\",z\r\nnext\r\n", maxChunk: 2)
        #expect(fieldStrings(records) == [["x\r\ny", "z"], ["next"]])
        #expect(records[0].raw == b("\"x\r\ny\",z"))
        #expect(records[1].line == 3)
    }

    @Test func doubledQuotes() throws {
        #expect(fieldStrings(try readAll("\"say \"\"hi\"\"\",\"\"\"\"\n")) == [["say \"hi\"", "\""]])
    }

    @Test func emptyQuotedField() throws {
        let records = try readAll("\"\",a,\"\"\n")
        #expect(fieldStrings(records) == [["", "a", ""]])
        #expect(records[0].malformation == nil)
    }

    @Test func trailingDelimiterAddsEmptyField() throws {
        #expect(fieldStrings(try readAll("a,b,\n")) == [["a", "b", ""]])
        #expect(fieldStrings(try readAll("a,")) == [["a", ""]])
    }

    @Test func blankLineInMiddleIsOneEmptyField() throws {
        let records = try readAll("a\n\nb\n")
        #expect(fieldStrings(records) == [["a"], [""], ["b"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func crHandling() throws {
        // A bare CR inside an unquoted field is content; CR at end of input ends the record.
        #expect(fieldStrings(try readAll("a\rb,c\n")) == [["a\rb", "c"]])
        let atEnd = try readAll("a,b\r", maxChunk: 1)
        #expect(fieldStrings(atEnd) == [["a", "b"]])
        #expect(atEnd[0].raw == b("a,b"))
    }

    @Test func unterminatedQuoteAtEOF() throws {
        let records = try readAll("a,b\n1,\"open\n2,3\n")
        #expect(records.count == 2)
        #expect(records[1].malformation == .unterminatedQuote)
        #expect(records[1].raw == b("1,\"open\n2,3\n"))
    }

    @Test func strayQuoteThenNextRecordReads() throws {
        let records = try readAll("ab\"c,d\n\"x\"y,z\nok,1\n")
        #expect(records[0].malformation == .strayQuote(field: 0))
        #expect(records[1].malformation == .strayQuote(field: 0))
        #expect(records[2].malformation == nil)
        #expect(fieldStrings([records[2]]) == [["ok", "1"]])
        #expect(records[2].line == 3)
    }

    @Test func quoteThenCROnlyIsStray() throws {
        let records = try readAll("\"a\"\rb\nc\n")
        #expect(records[0].malformation == .strayQuote(field: 0))
        #expect(fieldStrings([records[1]]) == [["c"]])
    }

    @Test func fieldOverLimitThenNextRecordFine() throws {
        let options = CSVOptions(maxFieldBytes: 4)
        let records = try readAll("a,12345,b\nx,1234\n", options: options, maxChunk: 3)
        #expect(records[0].malformation == .fieldTooLong(field: 1))
        #expect(records[1].malformation == nil)
        #expect(fieldStrings([records[1]]) == [["x", "1234"]])
    }

    @Test func tooManyFields() throws {
        let options = CSVOptions(maxFields: 3)
        let records = try readAll("a,b,c\na,b,c,d\nx\n", options: options)
        #expect(records[0].malformation == nil)
        #expect(records[1].malformation == .tooManyFields)
        #expect(records[1].fields.count == 3)
        #expect(fieldStrings([records[2]]) == [["x"]])
    }

    @Test func recordTooLongIsCappedAndNextRecordReads() throws {
        let options = CSVOptions(maxFieldBytes: 100, maxRecordBytes: 10)
        let records = try readAll("0123456789,abc\nshort\n", options: options, maxChunk: 4)
        #expect(records[0].malformation == .recordTooLong)
        #expect(records[0].raw == b("0123456789"))
        #expect(fieldStrings([records[1]]) == [["short"]])
    }

    @Test func recordExactlyAtLimitIsClean() throws {
        let records = try readAll("0123456789\r\nx", options: CSVOptions(maxRecordBytes: 10), maxChunk: 11)
        #expect(records[0].malformation == nil)
        #expect(records[0].raw == b("0123456789"))
    }

    @Test func tenMegabyteFieldStaysBounded() throws {
        let options = CSVOptions(maxFieldBytes: 1000, maxFields: 8, maxRecordBytes: 4096)
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20)
        let input = b("h1,h2\n\"") + big + b("\",tail\nnext,\"q\"\"\"\n")
        var reader = CSVReader(source: MemoryByteSource(input, maxChunk: 65_000), options: options)
        var record = CSVRecord()
        #expect(try reader.next(into: &record))
        #expect(try reader.next(into: &record))
        #expect(record.malformation == .fieldTooLong(field: 0))
        #expect(record.raw.count == 4096)
        #expect(record.fieldBytes.capacity <= 2 * 4096)
        #expect(record.raw.capacity <= 2 * 4098)
        #expect(try reader.next(into: &record))
        #expect(record.malformation == nil)
        #expect(record.fields == [b("next"), b("q\"")])
        #expect(record.number == 3 && record.line == 3)
        #expect(try !reader.next(into: &record))
    }

    @Test func hundredThousandColumnsStayBounded() throws {
        let input = [UInt8](repeating: UInt8(ascii: ","), count: 100_000) + b("\nok\n")
        let records = try readAll(input, options: CSVOptions(maxFields: 1024))
        #expect(records[0].malformation == .tooManyFields)
        #expect(records[0].fields.count == 1024)
        #expect(fieldStrings([records[1]]) == [["ok"]])
    }

    @Test func nulBytesAreContent() throws {
        let records = try readAll([0, 0x2C, 0, 0x41, 0x0A])
        #expect(records[0].fields == [[0], [0, 0x41]])
        #expect(records[0].malformation == nil)
    }

    @Test func rawBytesPreserved() throws {
        let records = try readAll("\"a,\"\"b\"\"\",c\r\nd\n")
        #expect(records[0].raw == b("\"a,\"\"b\"\"\",c"))
        #expect(records[1].raw == b("d"))
    }

    @Test func lineNumbersAcrossMultiLineQuotedFields() throws {
        let records = try readAll("h\n\"a\nb\nc\"\nx\r\n\"\n\"\ny\n", maxChunk: 1)
        #expect(records.map(\.number) == [1, 2, 3, 4, 5])
        #expect(records.map(\.line) == [1, 2, 5, 6, 8])
    }

    @Test func otherDelimiters() throws {
        let tab = try readAll("a\tb,c\n", options: CSVOptions(delimiter: UInt8(ascii: "\t")))
        #expect(fieldStrings(tab) == [["a", "b,c"]])
        let semi = try readAll("a;\"b;\";c\n", options: CSVOptions(delimiter: UInt8(ascii: ";")))
        #expect(fieldStrings(semi) == [["a", "b;", "c"]])
    }

    @Test func subscriptReturnsEachField() throws {
        var reader = CSVReader(source: MemoryByteSource(b("ab,,cde\n")))
        var record = CSVRecord()
        #expect(try reader.next(into: &record))
        #expect(record.count == 3)
        #expect(Array(record[0]) == b("ab") && record[1].isEmpty && Array(record[2]) == b("cde"))
    }

    struct FailingSource: ByteSource {
        struct Broken: Error {}
        var served = false
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            if served { throw Broken() }
            served = true
            buffer[0] = UInt8(ascii: "a")
            return 1
        }
    }

    @Test func sourceErrorsAreThrown() throws {
        var reader = CSVReader(source: FailingSource())
        var record = CSVRecord()
        #expect(throws: FailingSource.Broken.self) { try reader.next(into: &record) }
    }
}
