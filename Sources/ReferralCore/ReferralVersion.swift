/// The version of this referrald build, printed by `referrald --version`; the one place it is kept.
public enum ReferralVersion {
    /// Semantic version, 0.x.y until the first production release.
    public static let current = "0.9.0"
}
