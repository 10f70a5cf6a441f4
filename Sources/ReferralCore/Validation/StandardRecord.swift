/// One accepted referral, normalised to the standard record of extract.md.
public struct StandardRecord: Sendable, Equatable {
    public var partnerRef: String
    public var referralDate: CivilDate
    public var nhsNumber: String?
    public var upn: String?
    public var laChildId: String?
    public var forename: String?
    public var surname: String?
    public var dateOfBirth: CivilDate?
    public var expectedDateOfBirth: CivilDate?
    /// `M`, `F` or `U`.
    public var sex: String
    /// One of the 20 DfE ethnicity codes.
    public var ethnicity: String
    public var postcode: String?
    /// A CIN referral source code.
    public var referralSource: String
    public var primaryNeed: String?
    /// Free text: personal data, never logged.
    public var reason: String?
    /// Who the child is across partners (report.md).
    public var childKey: String

    public init(
        partnerRef: String, referralDate: CivilDate, nhsNumber: String? = nil, upn: String? = nil,
        laChildId: String? = nil, forename: String? = nil, surname: String? = nil,
        dateOfBirth: CivilDate? = nil, expectedDateOfBirth: CivilDate? = nil, sex: String = "U",
        ethnicity: String = "NOBT", postcode: String? = nil, referralSource: String = "10",
        primaryNeed: String? = nil, reason: String? = nil, childKey: String
    ) {
        self.partnerRef = partnerRef
        self.referralDate = referralDate
        self.nhsNumber = nhsNumber
        self.upn = upn
        self.laChildId = laChildId
        self.forename = forename
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.expectedDateOfBirth = expectedDateOfBirth
        self.sex = sex
        self.ethnicity = ethnicity
        self.postcode = postcode
        self.referralSource = referralSource
        self.primaryNeed = primaryNeed
        self.reason = reason
        self.childKey = childKey
    }
}
