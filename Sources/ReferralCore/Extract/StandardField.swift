/// A field of the standard referral record, named as in the standard extract's header.
///
/// `fullName` is not a record field: it is a partner column that splits into `forename` and
/// `surname` by the profile's `name_order`.
public enum StandardField: String, Sendable, CaseIterable, Hashable {
    case partnerRef = "partner_ref"
    case referralDate = "referral_date"
    case nhsNumber = "nhs_number"
    case upn
    case laChildId = "la_child_id"
    case forename
    case surname
    case fullName = "full_name"
    case dateOfBirth = "date_of_birth"
    case expectedDateOfBirth = "expected_date_of_birth"
    case sex
    case ethnicity
    case postcode
    case referralSource = "referral_source"
    case primaryNeed = "primary_need"
    case reason

    /// Position in `RawRow` storage.
    @inlinable public var ordinal: Int {
        switch self {
        case .partnerRef: 0
        case .referralDate: 1
        case .nhsNumber: 2
        case .upn: 3
        case .laChildId: 4
        case .forename: 5
        case .surname: 6
        case .fullName: 7
        case .dateOfBirth: 8
        case .expectedDateOfBirth: 9
        case .sex: 10
        case .ethnicity: 11
        case .postcode: 12
        case .referralSource: 13
        case .primaryNeed: 14
        case .reason: 15
        }
    }

    /// The most characters the field may hold; a longer value makes the row `row.malformed`.
    public var maxLength: Int {
        switch self {
        case .partnerRef: 64
        case .laChildId: 20
        case .forename, .surname: 100
        case .fullName: 201
        case .reason: 4000
        default: 100
        }
    }

    /// The coded list the field's values come from, if it is coded.
    public var codeList: CodeList? {
        switch self {
        case .sex: .sex
        case .ethnicity: .ethnicity
        case .referralSource: .referralSource
        case .primaryNeed: .primaryNeed
        default: nil
        }
    }
}
