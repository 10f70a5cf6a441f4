import Foundation
import ReferralConfig
import ReferralCore
import ReferralDaemon
import ReferralStore

/// What `referrald status` prints, gathered first and rendered as text for a terminal or as one
/// JSON object. File names are sanitised as in the logs; nothing from a file's content appears.
struct StatusReport {
    /// The facts only the database knows.
    struct Ledger {
        var lastFiles: [String: StatusQuery.LastFile]
        var today: [String: StatusQuery.Counts]
        var firing: [AlertRow]
    }

    let config: Configuration
    /// Unix seconds.
    let now: Double
    let today: CivilDate
    /// Files waiting in each partner's `incoming/`; nil when the directory cannot be read.
    var waiting: [String: Int?] = [:]
    /// Nil when the database did not answer.
    var ledger: Ledger?
    /// Per MESH partner: messages claimed but not yet acknowledged, and those not accepted (left
    /// in the inbox for a person). From the database.
    var meshBacklog: [String: (pending: Int, notAccepted: Int)] = [:]
    /// Why the database did not answer (no personal data: connection errors and schema versions).
    var databaseProblem: String?

    init(config: Configuration, now: Double, today: CivilDate) {
        self.config = config
        self.now = now
        self.today = today
    }

    // MARK: text

    func text(timeZone: TimeZone) -> String {
        var out = "referrald status at \(Self.local(now, timeZone, withDate: true)) (\(config.timezone))\n"
        if ledger != nil {
            out += "database: answering (schema \(config.database.schema))\n"
        } else {
            out += "database: NOT ANSWERING: \(databaseProblem ?? "unknown")\n"
        }
        for partner in config.partners {
            out += "\n\(partner.name) (profile \(partner.profileReference))\n"
            if let ledger {
                if let last = ledger.lastFiles[partner.name] {
                    let at = last.finishedAt ?? last.receivedAt
                    let day = Self.local(at, timeZone, withDate: true).prefix(10) == today.description ? "today" : ""
                    out += "  last file   \(LogSafe.fileName(last.fileName)): \(last.status), \(Self.local(at, timeZone, withDate: day.isEmpty))\(day.isEmpty ? "" : " today")\n"
                } else {
                    out += "  last file   none yet\n"
                }
                let c = ledger.today[partner.name] ?? StatusQuery.Counts()
                if c.files == 0 {
                    out += "  today       no files\n"
                } else {
                    out += "  today       \(Self.plural(c.files, "file")) (\(c.loaded) loaded, \(c.duplicate) duplicate, \(c.refused) refused), "
                        + "\(Self.plural(c.rows, "row")) (\(c.rowsLoaded) loaded, \(c.rowsRejected) rejected, \(c.rowsDuplicate) duplicate)\n"
                }
                out += "  refusals    \(Self.plural(c.refused, "file")) refused, \(Self.plural(c.rowsRejected, "row")) rejected today\n"
            }
            if partner.mesh != nil {
                let backlog = meshBacklog[partner.name].map { "\(Self.plural($0.pending, "message")) taken, not yet acknowledged; \($0.notAccepted) not accepted, left in the inbox" }
                out += "  mesh        " + (backlog ?? "backlog unknown (database)") + "\n"
            } else {
                out += "  waiting     " + (waiting[partner.name].flatMap { $0 }.map { "\(Self.plural($0, "file")) in incoming/" } ?? "incoming/ cannot be read") + "\n"
            }
            if let ledger { out += Self.alertLines(ledger.firing.filter { $0.scope == partner.name }) }
        }
        if let ledger {
            out += "\nall partners (scope total)\n" + Self.alertLines(ledger.firing.filter { $0.scope == AlertScope.total })
        } else {
            out += "\nLast files, today's counts and alerts are in the database, which is not answering.\n"
        }
        return out
    }

    private static func alertLines(_ alerts: [AlertRow]) -> String {
        guard !alerts.isEmpty else { return "  alerts      none firing\n" }
        var out = "  alerts      \(alerts.count) firing\n"
        for a in alerts {
            let limit = a.upperLimit.map { ", limit \(AlertLog.oneDecimal($0))" } ?? ""
            out += "    \(a.rule) \(a.period.granularity.rawValue) \(a.period): observed \(a.observed)\(limit)\n"
        }
        return out
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// `HH:mm`, or `yyyy-MM-dd HH:mm`, in the configured zone.
    static func local(_ seconds: Double, _ zone: TimeZone, withDate: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = withDate ? "yyyy-MM-dd HH:mm" : "HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    // MARK: JSON

    func json() -> String {
        var partners: [[String: Any]] = []
        for partner in config.partners {
            var object: [String: Any] = [
                "name": partner.name, "profile": partner.profileReference,
                "waiting": waiting[partner.name].flatMap { $0 }.map { $0 as Any } ?? NSNull(),
            ]
            if partner.mesh != nil, let backlog = meshBacklog[partner.name] {
                object["mesh"] = ["pending": backlog.pending, "not_accepted": backlog.notAccepted]
            }
            if let ledger {
                object["last_file"] = ledger.lastFiles[partner.name].map { last -> Any in
                    ["name": LogSafe.fileName(last.fileName), "status": last.status, "received_at": Self.utc(last.receivedAt),
                     "finished_at": last.finishedAt.map { Self.utc($0) as Any } ?? NSNull()] as [String: Any]
                } ?? NSNull()
                let c = ledger.today[partner.name] ?? StatusQuery.Counts()
                object["today"] = [
                    "files": c.files, "loaded": c.loaded, "duplicate": c.duplicate, "refused": c.refused,
                    "rows": c.rows, "rows_loaded": c.rowsLoaded, "rows_rejected": c.rowsRejected, "rows_duplicate": c.rowsDuplicate,
                ]
                object["refusals_today"] = ["files": c.refused, "rows": c.rowsRejected]
                object["alerts_firing"] = Self.alerts(ledger.firing.filter { $0.scope == partner.name })
            } else {
                for key in ["last_file", "today", "refusals_today", "alerts_firing"] { object[key] = NSNull() }
            }
            partners.append(object)
        }
        let object: [String: Any] = [
            "generated_at": Self.utc(now), "timezone": config.timezone, "today": today.description,
            "database": ["answering": ledger != nil, "schema": config.database.schema, "problem": databaseProblem.map { $0 as Any } ?? NSNull()],
            "partners": partners,
            "total": ["alerts_firing": ledger.map { Self.alerts($0.firing.filter { $0.scope == AlertScope.total }) as Any } ?? NSNull()],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func alerts(_ rows: [AlertRow]) -> [[String: Any]] {
        rows.map { a in
            ["rule": a.rule, "granularity": a.period.granularity.rawValue, "period": a.period.description, "observed": a.observed,
             "upper_limit": a.upperLimit.map { $0 as Any } ?? NSNull(), "raised_at": a.raisedAt]
        }
    }

    /// ISO 8601 in UTC, to the second: `2026-11-29T10:02:03Z`.
    static func utc(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
