@testable import ReferralCore
import TestSupport

/// A small CSV extract drawn from a seed, with what makes reading it in stretches hard:
/// quoted fields holding delimiters, quotes, LF and CRLF; CRLF and LF line ends; blank lines;
/// refused and malformed rows; stray quotes (which upset the guessed stretch starts); banner
/// rows above the header; a BOM; repeated keys near and far; coded values no profile maps; and
/// sometimes no partner_ref column (derived keys).
struct SegmentedCheckFile {
    var bytes: [UInt8] = []
    var profile = PartnerProfile.standard

    static let nhsNumbers = ["9876543210", "4000000632", "987 654 3210", "9434765919", "1234567890"]
    static let dates = ["2024-05-01", "2024-05-02", "01/05/2024", "2099-01-01", "1999-12-31", "not a date", ""]
    static let sexes = ["M", "F", "", "X", "Q", "b) Female"]
    static let reasons = [
        "plain", "", "\"with, comma\"", "\"two\nlines\"", "\"crlf\r\ninside\"", "\"said \"\"no\"\"\"",
        "\"a\n\"\"b\"\",\nc\"", "\"\"",
    ]

    init(seed: UInt64) {
        var random = SplitMix(seed: seed)  // a failing seed can be replayed
        let derived = random.chance(20)
        let strays = random.chance(25)
        let crlf = random.chance(40)
        var text = random.chance(15) ? "\u{FEFF}" : ""
        let banners = random.below(3)
        for _ in 0..<banners { text += random.pick(["Referrals export,\"run 7, nightly\"", "", "\"title\nover two lines\""]) + "\n" }
        profile.headerRow = banners + 1
        text += (derived ? "referral_date,nhs_number,referral_source,sex,reason" : "partner_ref,referral_date,nhs_number,sex,reason")
        text += crlf ? "\r\n" : "\n"
        let rows = 20 + random.below(140)
        let pool = 2 + random.below(rows)
        for _ in 0..<rows {
            let end = crlf != random.chance(10) ? "\r\n" : "\n"
            switch random.below(100) {
            case 0..<8:
                text += end
                continue
            case 8..<12:
                text += (derived ? "2024-05-01,9876543210" : "K1,2024-05-01") + end   // too few fields
                continue
            case 12..<15 where strays:
                text += (derived ? "" : "K\(random.below(pool)),") + "2024-05-01,98765\"43210,M,x" + end
                continue
            default:
                break
            }
            var fields: [String] = []
            if !derived {
                let key = "K\(random.below(pool))"
                fields.append(random.chance(10) ? "\"  \(key.prefix(1)) \(key.dropFirst())\"" : key)
            }
            fields.append(random.chance(80) ? random.pick(Array(Self.dates.prefix(3))) : random.pick(Self.dates))
            fields.append(random.pick(Self.nhsNumbers))
            if derived { fields.append(random.pick(["6", "2A", "Police"])) }
            fields.append(random.pick(Self.sexes))
            fields.append(random.pick(Self.reasons))
            text += fields.joined(separator: ",") + end
        }
        if random.chance(5) { text += "K1,2024-05-01,9876543210,M,\"never closed\n" }
        bytes = Array(text.utf8)
    }
}
