/// NHS number: 10 digits, modulus-11 check.
public enum NHSNumber {
    /// The 10 digits without spaces or hyphens, or `nil` when format or check digit is wrong.
    public static func normalise(_ text: String) -> String? { fatalError("stub") }
}

/// Unique Pupil Number: a check letter, 11 digits, a digit or letter.
public enum UPN {
    /// Upper-cased UPN, or `nil` when format or check letter is wrong.
    public static func normalise(_ text: String) -> String? { fatalError("stub") }
}

/// UK postcode, BS7666 pattern.
public enum Postcode {
    /// `OUTWARD INWARD`, upper case with one space, or `nil` when it does not match.
    public static func normalise(_ text: String) -> String? { fatalError("stub") }
}
