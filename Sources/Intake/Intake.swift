import ReferralCore

/// A route by which a partner's extracts arrive: the drop directory (`DropIntake`, also from
/// `rejected/` for a replay), a MESH mailbox, a file named on the command line (`PathIntake`).
/// The per-file job (`FileJob`) is the same for all; an intake only says what is ready, hands
/// an item over as bytes, and keeps the original when the job is done.
///
/// The job's order: `open` → claim (by the bytes' SHA-256) → load and commit → report →
/// `archive` → claim marked archived → `settle` → alerts.
public protocol Intake {
    /// The partner whose items these are (the route, never anything inside a file).
    var partner: String { get }

    /// What the intake offers now: items (taken once their lifecycle finds them complete) and
    /// entries it will never hand over, with why. Throws when it cannot be listed at all.
    func list() throws -> IntakeListing

    /// The item's bytes, opened (never through a link, at most the size limit) and hashed.
    func open(_ item: IntakeItem) throws(IntakeError) -> OpenedItem

    /// Whether the item is still offered exactly as opened (asked under the claim's lock: an item
    /// another instance archived meanwhile is never taken again).
    func isCurrent(_ opened: OpenedItem) -> Bool

    /// Whether the item is still offered at all (false once another instance archived it).
    func isPresent(_ item: IntakeItem) -> Bool

    /// Whether this intake keeps originals. One that does not (`PathIntake`) leaves an item that
    /// an earlier run committed to the intake that does, and archives nothing.
    var archives: Bool { get }

    /// Keeps the original after its commit: as processed (in `month`, `YYYY-MM`) when loaded or
    /// a duplicate, as rejected when refused. Returns where it is kept, or `nil` when this intake
    /// keeps nothing. Called again for an item committed by an earlier run (must be idempotent).
    /// `beside` writes what belongs beside the kept original (a refused file's reason) before the
    /// item stops being offered, so a crash in between leaves it to be taken (and archived) again.
    func archive(_ item: IntakeItem, outcome: ItemOutcome, month: String, beside: (ArchivedItem) throws -> Void) throws -> ArchivedItem?

    /// The route's own end for an item, after its commit and archive: MESH acknowledges the
    /// message; a directory has nothing left to do.
    func settle(_ item: IntakeItem, outcome: ItemOutcome) throws

    /// Where `<name>.report.csv` goes for an item with warnings or refusals (created when
    /// missing, if the intake owns it); `nil`: no report.
    func reportDirectory() throws -> String?
}

extension Intake {
    public func settle(_ item: IntakeItem, outcome: ItemOutcome) throws {}
}
