import Crypto

/// Derived keys: the `~` partner reference of extracts without one, and the cross-partner child key.
public enum ReferralKey {
    /// `~` + 16 hex digits of SHA-256 over the best child identifier, the referral date and the
    /// source: the key Annex A tooling deduplicates on, stable across files.
    public static func derivedPartnerRef(childKey: String, referralDate: CivilDate, referralSource: String) -> String {
        "~" + hexDigest("\(childKey)|\(referralDate)|\(referralSource)", count: 8)
    }

    /// Who the child is: `nhs:` + NHS number, else `upn:` + UPN, else `la:` + LA id, else `h:` + a
    /// hash of the folded surname with the date of birth (or expected date of birth).
    /// `nil` when none of these is known (the row is `child.unidentifiable`).
    public static func childKey(nhsNumber: String?, upn: String?, laChildId: String?, surname: String?, birth: CivilDate?) -> String? {
        if let nhsNumber { return "nhs:" + nhsNumber }
        if let upn { return "upn:" + upn }
        if let laChildId { return "la:" + laChildId }
        if let surname, let birth {
            let folded = foldedName(surname)
            guard !folded.isEmpty else { return nil }
            return "h:" + hexDigest("\(folded)|\(birth)", count: 12)
        }
        return nil
    }

    /// Surname folded for matching: case, accents, spaces and punctuation removed.
    public static func foldedName(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) {
                    out.append(scalar)
                } else if (0x41...0x5A).contains(v) {
                    out.append(Unicode.Scalar(v + 0x20)!)
                }
            } else if let base = latinBase(scalar) {
                out.append(base)
            } else if scalar.properties.isAlphabetic {
                out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// The base letter of an accented Latin letter, read from its Unicode name
    /// (`LATIN SMALL LETTER E WITH ACUTE` → `e`), without Foundation.
    private static func latinBase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let name = scalar.properties.name else { return nil }
        let prefixes = ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "]
        guard let prefix = prefixes.first(where: { name.hasPrefix($0) }) else { return nil }
        let rest = name.dropFirst(prefix.count)
        let letter = rest.prefix { $0 != " " }
        guard letter.count == 1, let ch = letter.lowercased().unicodeScalars.first, ch.isASCII else { return nil }
        guard rest.count == 1 || rest.dropFirst().hasPrefix(" WITH ") else { return nil }
        return ch
    }

    private static func hexDigest(_ text: String, count: Int) -> String {
        Hex.string(SHA256.hash(data: Array(text.utf8)).prefix(count))
    }
}
