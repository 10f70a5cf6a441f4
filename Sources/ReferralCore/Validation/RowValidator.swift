/// Applies extract.md's validation rules to one row and builds the standard record.
///
/// Errors refuse the row; a bad secondary field (identifier, code, postcode, birth date) is a
/// warning, the field is stored empty and the row is still accepted.
public struct RowValidator: Sendable {
    public let profile: PartnerProfile
    /// The day the file arrived: a referral dated after it is `referral_date.future`.
    public let arrivalDate: CivilDate
    /// Whether the file has a reference column (else the key is derived).
    public let hasPartnerRef: Bool

    /// The earliest referral date accepted.
    public static let earliestReferralDate = CivilDate(year: 2000, month: 1, day: 1)!
    /// How far after the referral a date of birth may be and still be read as expected (40 weeks).
    public static let pregnancyDays = 280

    public init(profile: PartnerProfile, arrivalDate: CivilDate, hasPartnerRef: Bool) {
        self.profile = profile
        self.arrivalDate = arrivalDate
        self.hasPartnerRef = hasPartnerRef
        var defaults = [String?](repeating: nil, count: StandardField.allCases.count)
        for (field, value) in profile.defaults { defaults[field.ordinal] = value }
        self.defaults = defaults
    }

    /// The profile's defaults by `StandardField.ordinal` (looked up for every empty cell).
    private let defaults: [String?]
    /// Coded values seen before, by field ordinal (each allocated on first use).
    private var codeMemos = [CodeMemo](repeating: CodeMemo(), count: StandardField.allCases.count)

    /// Validates a row whose fields are already decoded (see `ExtractScanner`).
    public mutating func validate(_ raw: RawRow, row: Int) -> RowOutcome {
        var issues: [RowIssue] = []
        func warn(_ field: StandardField, _ rule: String, _ message: String) {
            issues.append(RowIssue(row: row, field: field.rawValue, rule: rule, severity: .warning, message: message))
        }
        func fail(_ field: String, _ rule: String, _ message: String) {
            issues.append(RowIssue(row: row, field: field, rule: rule, severity: .error, message: message))
        }
        func value(_ field: StandardField) -> String? {
            raw[field] ?? defaults[field.ordinal]
        }

        // The key.
        let partnerRef = raw[.partnerRef].map(TextNormal.collapsingWhitespace)
        if hasPartnerRef && (partnerRef ?? "").isEmpty {
            fail("partner_ref", "partner_ref.missing", "the reference column is empty")
        }

        // The referral date.
        var referralDate: CivilDate?
        if let text = value(.referralDate) {
            if let date = parseDate(text) {
                if date > arrivalDate {
                    fail("referral_date", "referral_date.future", "the referral date is after the day the file arrived")
                } else if date < Self.earliestReferralDate {
                    fail("referral_date", "referral_date.too_old", "the referral date is before 2000-01-01")
                } else {
                    referralDate = date
                }
            } else {
                fail("referral_date", "referral_date.invalid", "the referral date is not a real date in any of the profile's formats")
            }
        } else {
            fail("referral_date", "referral_date.missing", "the referral date is empty")
        }

        // Identifiers.
        let nhsNumber = identifier(.nhsNumber, value(.nhsNumber), NHSNumber.normalise, "the NHS number has a bad format or check digit", warn)
        let upn = identifier(.upn, value(.upn), UPN.normalise, "the UPN has a bad format or check letter", warn)
        let laChildId = value(.laChildId).map(TextNormal.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        let postcode = identifier(.postcode, value(.postcode), Postcode.normalise, "the postcode does not match the BS7666 pattern", warn)

        // Names.
        var forename = value(.forename).map(TextNormal.collapsingWhitespace)
        var surname = value(.surname).map(TextNormal.collapsingWhitespace)
        if let full = value(.fullName) {
            let split = NameSplitter.split(full, order: profile.nameOrder)
            if forename == nil { forename = split.forename }
            if surname == nil { surname = split.surname }
        }
        if forename?.isEmpty == true { forename = nil }
        if surname?.isEmpty == true { surname = nil }

        // Births.
        var dateOfBirth = birthDate(value(.dateOfBirth), .dateOfBirth, "the date of birth is not a real date", warn)
        var expected = birthDate(value(.expectedDateOfBirth), .expectedDateOfBirth, "the expected date of birth is not a real date", warn)
        if let dob = dateOfBirth, let referralDate {
            if dob > referralDate {
                if dob.daysSinceEpoch - referralDate.daysSinceEpoch <= Self.pregnancyDays {
                    warn(.dateOfBirth, "date_of_birth.after_referral", "the date of birth is after the referral date; kept as the expected date of birth")
                    if expected == nil { expected = dob }
                } else {
                    warn(.dateOfBirth, "date_of_birth.after_referral", "the date of birth is after the referral date by more than 40 weeks; cleared")
                }
                dateOfBirth = nil
            } else if dob.adding(months: 18 * 12) <= referralDate {
                warn(.dateOfBirth, "date_of_birth.adult", "the child was 18 or over on the referral date")
            }
        }

        // Codes.
        let sex = code(.sex, value(.sex), warn) ?? "U"
        let ethnicity = code(.ethnicity, value(.ethnicity), warn) ?? "NOBT"
        let source = code(.referralSource, value(.referralSource), warn)
            ?? profile.defaults[.referralSource].flatMap { CodeList.referralSource.recognise($0) } ?? "10"
        let need = code(.primaryNeed, value(.primaryNeed), warn)
        let reason = value(.reason).flatMap { TextNormal.isBlank($0) ? nil : $0 }

        // Identifiability.
        let childKey = ReferralKey.childKey(
            nhsNumber: nhsNumber, upn: upn, laChildId: laChildId, surname: surname, birth: dateOfBirth ?? expected)
        if childKey == nil {
            fail("child", "child.unidentifiable", "no valid NHS number, valid UPN, LA child id, or surname with a date of birth")
        }

        guard let referralDate, let childKey, !issues.contains(where: { $0.severity == .error }) else {
            return .refused(issues: issues)
        }
        let key = hasPartnerRef
            ? partnerRef!
            : ReferralKey.derivedPartnerRef(childKey: childKey, referralDate: referralDate, referralSource: source)
        let record = StandardRecord(
            partnerRef: key, referralDate: referralDate, nhsNumber: nhsNumber, upn: upn, laChildId: laChildId,
            forename: forename, surname: surname, dateOfBirth: dateOfBirth, expectedDateOfBirth: expected,
            sex: sex, ethnicity: ethnicity, postcode: postcode, referralSource: source, primaryNeed: need,
            reason: reason, childKey: childKey)
        return .accepted(record, warnings: issues)
    }

    private func parseDate(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8 { bytes in
            profile.dateFormats.withUnsafeBufferPointer { formats in
                for format in formats {
                    if let date = format.parse(bytes: bytes) { return date }
                }
                return nil
            }
        }
    }

    private func birthDate(_ text: String?, _ field: StandardField, _ message: String, _ warn: (StandardField, String, String) -> Void) -> CivilDate? {
        guard let text, !TextNormal.isBlank(text) else { return nil }
        if let date = parseDate(text) { return date }
        warn(field, "\(field.rawValue).invalid", message)
        return nil
    }

    /// The code a coded field's value means: the profile's `values` first, then the built-in
    /// recognisers; `nil` (with a warning) when unrecognised, `nil` silently when empty.
    private mutating func code(_ field: StandardField, _ text: String?, _ warn: (StandardField, String, String) -> Void) -> String? {
        guard let text, !TextNormal.isBlank(text) else { return nil }
        let code: String?
        switch codeMemos[field.ordinal].find(text) {
        case .found(let remembered):
            code = remembered
        case .missing(let slot):
            code = lookUp(field, text)
            codeMemos[field.ordinal].remember(text, code: code, at: slot)
        }
        if code == nil { warn(field, "\(field.rawValue).invalid", "the value is not a recognised \(field.rawValue) code") }
        return code
    }

    private func lookUp(_ field: StandardField, _ text: String) -> String? {
        guard let list = field.codeList else { return nil }
        if let mapped = profile.values[field]?[TextNormal.lookupKey(text)] {
            return list.recognise(mapped) ?? mapped
        }
        return list.recognise(text)
    }

    private func identifier(
        _ field: StandardField, _ text: String?, _ normalise: (String) -> String?, _ message: String,
        _ warn: (StandardField, String, String) -> Void
    ) -> String? {
        guard let text, !TextNormal.isBlank(text) else { return nil }
        if let value = normalise(text) { return value }
        warn(field, "\(field.rawValue).invalid", message)
        return nil
    }
}
