import ReferralCore

extension FuzzTarget {
    /// Date patterns the profile picks two of.
    static let dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MMM-yyyy", "dd.MM.yyyy", "MMMM d yyyy"]
        .compactMap { DateFormat(pattern: $0) }
    /// The field separator in a `RowValidator` input (ASCII unit separator).
    static let fieldSeparator: UInt8 = 0x1F

    /// The first byte's bits pick the key column, name order, value map and defaults; the next
    /// two the date formats; the rest are the row's fields in `StandardField` order, separated
    /// by 0x1F (empty is absent). Validating the same row twice gives the same outcome (the
    /// code cache changes nothing); errors and refusal go together; an accepted record holds
    /// only values its columns' checks in the database accept.
    static func rowValidator(_ input: [UInt8]) -> [String] {
        var input = FuzzInput(input)
        let flags = input.byte()
        let formats = [dateFormats[input.byte() % dateFormats.count], dateFormats[input.byte() % dateFormats.count]]
        let profile = PartnerProfile(
            name: "fuzz", dateFormats: formats, nameOrder: flags & 2 == 0 ? .surnameFirst : .forenameFirst,
            values: flags & 4 == 0 ? [:] : [.sex: ["Boy": "M", "girl": "F"], .ethnicity: ["White British": "WBRI"], .referralSource: ["school": "2A"]],
            defaults: flags & 8 == 0 ? [:] : [.referralSource: "Police", .sex: "U", .ethnicity: "refused"])
        var raw = RawRow()
        for (field, value) in zip(StandardField.allCases, input.bytes.split(separator: fieldSeparator, omittingEmptySubsequences: false)) {
            raw[field] = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        }
        var validator = RowValidator(profile: profile, arrivalDate: arrival, hasPartnerRef: flags & 1 == 0)
        let outcome = validator.validate(raw, row: 7)
        var broken: [String] = []
        if validator.validate(raw, row: 7) != outcome { broken.append("a second validation differs") }
        for issue in outcome.issues where issue.row != 7 || !issue.rule.hasPrefix(issue.field + ".") {
            broken.append("issue \(issue.rule) on field \(issue.field) row \(issue.row)")
        }
        let errors = outcome.issues.contains { $0.severity == .error }
        switch outcome {
        case .refused:
            if !errors { broken.append("refused without an error") }
        case .accepted(let record, _):
            if errors { broken.append("accepted with an error") }
            broken += recordViolations(record)
        }
        return broken
    }

    /// What the `referral` table's checks and the validator's own rules require of a record.
    public static func recordViolations(_ r: StandardRecord) -> [String] {
        func matches(_ text: String?, _ pattern: [(UInt8) -> Bool]) -> Bool {
            guard let text else { return true }
            let bytes = Array(text.utf8)
            return bytes.count == pattern.count && zip(bytes, pattern).allSatisfy { $1($0) }
        }
        let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let upper = { (b: UInt8) in b >= 0x41 && b <= 0x5A }
        var broken: [String] = []
        if r.partnerRef.isEmpty { broken.append("empty partner_ref") }
        if r.childKey.isEmpty { broken.append("empty child key") }
        if r.referralDate > arrival || r.referralDate < RowValidator.earliestReferralDate { broken.append("referral_date out of range") }
        if let dob = r.dateOfBirth, dob > r.referralDate { broken.append("date_of_birth after referral_date") }
        if !matches(r.nhsNumber, Array(repeating: digit, count: 10)) { broken.append("nhs_number not 10 digits") }
        if !matches(r.upn, [upper] + Array(repeating: digit, count: 11) + [{ digit($0) || upper($0) }]) { broken.append("upn pattern") }
        if !matches(r.primaryNeed, [{ $0 == UInt8(ascii: "N") }, digit]) { broken.append("primary_need pattern") }
        if !CodeList.sex.codes.contains(r.sex) { broken.append("sex not a code") }
        if !CodeList.ethnicity.codes.contains(r.ethnicity) { broken.append("ethnicity not a code") }
        if !CodeList.referralSource.codes.contains(r.referralSource) { broken.append("referral_source not a code") }
        if let need = r.primaryNeed, !CodeList.primaryNeed.codes.contains(need) { broken.append("primary_need not a code") }
        return broken
    }
}
