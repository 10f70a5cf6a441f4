import Foundation
import Testing
@testable import ReferralCore

/// Runs every value councils sent (the Annex A variant corpus, copied into `Tests/Fixtures/annex-a`
/// with its provenance) through the recognisers and checks the share mapped into the right group,
/// the share mapped into a wrong one, and the same on a held-out quarter of the corpus.
@Suite struct AnnexAVariantCorpusTests {
    struct Variant { let field: String; let group: String; let value: String }

    /// Right, wrong and unrecognised counts.
    struct Tally {
        var right = 0, wrong = 0, none = 0
        var total: Int { right + wrong + none }
        func percent(_ n: Int) -> String { total == 0 ? "-" : String(format: "%.2f%%", Double(n) / Double(total) * 100) }
        var line: String {
            "right \(right) (\(percent(right))) wrong \(wrong) (\(percent(wrong))) unrecognised \(none) (\(percent(none))) of \(total)"
        }
    }

    static let fixture: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/", !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("Tests/Fixtures/annex-a/annex-a-variants.tsv")
    }()

    static func load() throws -> [Variant] {
        let text = try String(contentsOf: fixture, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            return Variant(field: String(parts[0]), group: String(parts[1]), value: String(parts[2]))
        }
    }

    /// The held-out quarter: FNV-1a (64-bit) of `field`, tab, `value`, modulo 4 is 0. Deterministic,
    /// independent of the file's order, and blind to what the value says.
    static func isHeldOut(_ v: Variant) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (v.field + "\t" + v.value).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash % 4 == 0
    }

    /// The corpus group a code belongs to.
    static func group(of code: String, field: String) -> String {
        switch field {
        case "sex": return code
        case "ethnicity":
            switch code {
            case "CHNE", "OOTH": return "other"
            case "REFU", "NOBT": return "not_stated"
            default:
                return ["W": "white", "M": "mixed", "A": "asian", "B": "black"][code.prefix(1)] ?? "?"
            }
        default:
            switch code {
            case "2A": return "schools"
            case "2B": return "education"
            case "4": return "housing"
            case "6": return "police"
            case "7": return "legal"
            case "8": return "other"
            case "9": return "anonymous"
            case "10": return "unknown"
            default:
                return ["1": "individual", "3": "health", "5": "la"][code.prefix(1)] ?? "?"
            }
        }
    }

    @Test func recognisersMapTheCorpusIntoTheRightGroups() throws {
        let variants = try Self.load()
        #expect(variants.count == 2534, "the corrected corpus has 2,534 rows, read \(variants.count)")
        var byField: [String: Tally] = [:]
        var all = Tally(), heldOut = Tally(), tuned = Tally()
        var wrongs: [String] = []
        for v in variants {
            guard let list = CodeList(rawValue: v.field) else {
                Issue.record("unknown field \(v.field)")
                continue
            }
            let code = list.recognise(v.value)
            var t = Tally()
            if let code {
                #expect(list.codes.contains(code), "\(code) is not a \(v.field) code")
                if Self.group(of: code, field: v.field) == v.group {
                    t.right = 1
                } else {
                    t.wrong = 1
                    wrongs.append("\(v.field)\t\(v.group)\t\(v.value)\t→ \(code)")
                }
            } else {
                t.none = 1
                if ProcessInfo.processInfo.environment["CORPUS_MISSES"] != nil {
                    print("MISS\t\(v.field)\t\(v.group)\t\(v.value)")
                }
            }
            func add(_ into: inout Tally) { into.right += t.right; into.wrong += t.wrong; into.none += t.none }
            add(&byField[v.field, default: Tally()])
            add(&all)
            if Self.isHeldOut(v) { add(&heldOut) } else { add(&tuned) }
        }
        for (field, t) in byField.sorted(by: { $0.key < $1.key }) { print("corpus \(field): \(t.line)") }
        print("corpus total: \(all.line)")
        print("corpus tuned on (3/4): \(tuned.line)")
        print("corpus held out (1/4): \(heldOut.line)")
        wrongs.forEach { print("WRONG\t\($0)") }
        let n = Double(all.total)
        // Regression floor: what the structural recognisers reached before issue 18.
        #expect(Double(all.right) >= 0.925 * n, "right \(all.right) of \(all.total)")
        #expect(Double(all.wrong) <= 0.006 * n, "wrong \(all.wrong) of \(all.total)")
        #expect(byField["sex"]?.wrong == 0 && byField["sex"]?.none == 0, "every sex variant is recognised")
        withKnownIssue("issue 18 targets not yet met") {
            #expect(Double(all.right) >= 0.935 * n, "right \(all.right) of \(all.total)")
            #expect(Double(all.wrong) <= 0.003 * n, "wrong \(all.wrong) of \(all.total)")
        }
    }
}
