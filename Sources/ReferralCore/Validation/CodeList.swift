/// The coded fields of the standard record and their DfE code lists.
public enum CodeList: String, Sendable, CaseIterable {
    case sex
    case ethnicity
    case referralSource = "referral_source"
    case primaryNeed = "primary_need"

    /// Every valid code, in the DfE's order.
    public var codes: [String] { fatalError("stub") }

    /// The code a partner's value means (bare code, Annex A style, code-then-label, label,
    /// older CIN codes for sex), or `nil` when it is not recognised. Never guesses across groups.
    public func recognise(_ value: String) -> String? { fatalError("stub") }
}
