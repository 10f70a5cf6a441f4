import Testing
import ReferralCore

@Suite struct DateFormatTests {
    func parse(_ pattern: String, _ text: String) -> String? {
        DateFormat(pattern: pattern)!.parse(text)?.description
    }

    @Test func patterns() {
        for p in ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MMM-yyyy", "dd.MM.yyyy", "yyyyMMdd", "MM/dd/yyyy", "d MMMM yyyy"] {
            #expect(DateFormat(pattern: p) != nil, "\(p)")
        }
        for p in ["yy-MM-dd", "dd/MM", "HH:mm", "dd/MM/yyyy/yyyy", "ddd/MM/yyyy", "dd_MM_yyyy", "", "dM yyyy"] {
            #expect(DateFormat(pattern: p) == nil, "\(p)")
        }
        #expect(DateFormat(pattern: "dd/MM/yyyy")!.description == "dd/MM/yyyy")
    }

    @Test func parsesEachPattern() {
        #expect(parse("yyyy-MM-dd", "2013-05-03") == "2013-05-03")
        #expect(parse("dd/MM/yyyy", "03/05/2013") == "2013-05-03")
        #expect(parse("d/M/yyyy", "3/5/2013") == "2013-05-03")
        #expect(parse("d/M/yyyy", "03/05/2013") == "2013-05-03")
        #expect(parse("dd-MMM-yyyy", "03-May-2013") == "2013-05-03")
        #expect(parse("dd-MMM-yyyy", "03-MAY-2013") == "2013-05-03")
        #expect(parse("dd-MMM-yyyy", "03-sep-2013") == "2013-09-03")
        #expect(parse("dd-MMM-yyyy", "03-Sept-2013") == "2013-09-03")
        #expect(parse("dd-MMM-yyyy", "03-September-2013") == "2013-09-03")
        #expect(parse("dd.MM.yyyy", "03.05.2013") == "2013-05-03")
        #expect(parse("yyyyMMdd", "20130503") == "2013-05-03")
        #expect(parse("MM/dd/yyyy", "05/03/2013") == "2013-05-03")
    }

    @Test func refusesMismatchesAndUnrealDates() {
        #expect(parse("dd/MM/yyyy", "31/02/2013") == nil)
        #expect(parse("dd/MM/yyyy", "29/02/2023") == nil)
        #expect(parse("dd/MM/yyyy", "29/02/2024") == "2024-02-29")
        #expect(parse("dd/MM/yyyy", "3/05/2013") == nil)       // dd needs two digits
        #expect(parse("dd/MM/yyyy", "03-05-2013") == nil)
        #expect(parse("dd/MM/yyyy", "03/05/13") == nil)
        #expect(parse("dd/MM/yyyy", "03/05/20133") == nil)
        #expect(parse("d/M/yyyy", "123/5/2013") == nil)
        #expect(parse("dd/MM/yyyy", "") == nil)
        #expect(parse("dd-MMM-yyyy", "03-Mai-2013") == nil)
        #expect(parse("dd-MMM-yyyy", "03-Ma-2013") == nil)
        #expect(parse("dd-MMM-yyyy", "03-Mayo-2013") == nil)
        #expect(parse("yyyyMMdd", "2013053") == nil)
        #expect(parse("yyyy-MM-dd", "2013-05-03x") == nil)
        #expect(parse("dd/MM/yyyy", "１３/05/2013") == nil)
    }

    @Test func toleratesWhitespaceAndTimeParts() {
        #expect(parse("dd/MM/yyyy", "  03/05/2013\t") == "2013-05-03")
        #expect(parse("dd/MM/yyyy", "03/05/2013 00:00") == "2013-05-03")
        #expect(parse("dd/MM/yyyy", "03/05/2013 00:00:00") == "2013-05-03")
        #expect(parse("yyyy-MM-dd", "2013-05-03T00:00:00") == "2013-05-03")
        #expect(parse("yyyy-MM-dd", "2013-05-03 00:00:00.000") == "2013-05-03")
        #expect(parse("yyyy-MM-dd", "2013-05-03 14:30:59") == "2013-05-03")
        #expect(parse("yyyy-MM-dd", "2013-05-03 25:00") == nil)
        #expect(parse("yyyy-MM-dd", "2013-05-03 00") == nil)
        #expect(parse("yyyy-MM-dd", "2013-05-03 00:00:00.") == nil)
        #expect(parse("yyyy-MM-dd", "2013-05-03 noon") == nil)
    }

    @Test func parsesManyRowsQuickly() {
        let format = DateFormat(pattern: "dd/MM/yyyy")!
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            for i in 0..<200_000 where format.parse("\(10 + i % 18)/0\(1 + i % 9)/2013") != nil { count += 1 }
        }
        #expect(count == 200_000)
        #expect(elapsed < .seconds(5), "200k parses took \(elapsed)")
    }
}
