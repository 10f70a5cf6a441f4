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
        // Issue 18's targets on the whole corpus.
        #expect(Double(all.right) >= 0.935 * n, "right \(all.right) of \(all.total)")
        #expect(Double(all.wrong) <= 0.003 * n, "wrong \(all.wrong) of \(all.total)")
        #expect(byField["sex"]?.wrong == 0 && byField["sex"]?.none == 0, "every sex variant is recognised")
        // The held-out quarter: regression floors at what it measured when the recognisers were
        // written (92.1% right, 0.31% wrong; before issue 18: 92.0% right, 0.62% wrong).
        #expect(Double(heldOut.right) >= 0.915 * Double(heldOut.total), "held out: \(heldOut.line)")
        #expect(Double(heldOut.wrong) <= 0.005 * Double(heldOut.total), "held out: \(heldOut.line)")
        // The rows whose value carries recognisable content (all but `Self.contentless`).
        let content = variants.filter { Self.contentless[$0.field]?[$0.value] == nil }
        let contentRight = content.filter { v in
            CodeList(rawValue: v.field)?.recognise(v.value).map { Self.group(of: $0, field: v.field) } == v.group
        }.count
        print("corpus with recognisable content: right \(contentRight) of \(content.count)")
        #expect(variants.count - content.count == 94, "every left-out value is in the corpus")
        #expect(Double(contentRight) >= 0.97 * Double(content.count), "right \(contentRight) of \(content.count)")
    }

    /// Values left out of the "recognisable content" share, each with the reason. No recogniser
    /// can know them: their meaning lives in one council's own system.
    static let contentless: [String: [String: String]] = {
        var table: [String: [String: String]] = [:]
        let privateCode = "a council's private code: no DfE code, no label word"
        for code in ["ABS", "ACOM", "ASAC", "BA", "BR", "CA", "CAFS", "CAS", "CC", "CH", "CLN", "CMAT", "CON", "COU",
                     "DAUI", "DC", "DHOS", "DN", "FSU", "GRPA", "GRSO", "HCEX", "HCIN", "HN", "HOOT", "HW", "LCPA",
                     "MARAT", "MHO", "NCYPS", "NEYC", "NHSD", "NSPC", "NURS", "OCGP", "OD", "OOPT", "OR", "OT", "OTHE",
                     "OTHT", "OTLA", "OTOT", "OTP", "OTSS", "PEM", "PFSA", "REG", "REHA", "RES", "RESH", "SENP", "SLEX",
                     "SLIH", "SM", "SN", "SSDT", "SUPW", "TP", "VS", "WR", "i-ART", "ISend", "N.A.S.S."] {
            table["referral_source", default: [:]][code] = privateCode
        }
        for code in ["DTG", "F", "F1", "N", "(U.X2)", "U.X1)", "XXXX -", "#MULTIVALUE"] {
            table["ethnicity", default: [:]][code] = privateCode + " (`F`, `N`: not the 2001 census's group letters)"
        }
        let localName = "a local service's or charity's own name, naming no kind of agency"
        for name in ["Catch 22", "Child Action North West", "Hearthstone", "Home Start", "Homestart", "Open Door",
                     "Talkshop", "Wired", "Trafford Extended Service", "Gateway Service", "Lbh - Other",
                     "Lbh - Resource Centre", "Home Care Unit - Lbh", "CEC - CE Family Service", "CEC - Early Start Service",
                     "CEC - Youth Support Service", "Family Matters", "Family Partnership Service", "Children & Family First",
                     "Children Families and Wellbeing Service (CFW)", "(CS) EHKS 5-19yrs Service",
                     "Wirral Multicultural Organisation"] {
            table["referral_source", default: [:]][name] = localName
        }
        return table
    }()
}
