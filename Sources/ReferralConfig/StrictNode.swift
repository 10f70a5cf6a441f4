import Yams

/// A YAML node read strictly: every key must be consumed, every value of the expected type,
/// and every error names the key path and line.
struct StrictNode {
    let node: Node
    let path: String
    let file: String?

    init(node: Node, path: String, file: String?) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// Parses a whole YAML document.
    static func parse(_ text: String, file: String?) throws(ConfigError) -> StrictNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: 1, path: "", message: "the file is empty")
            }
            return StrictNode(node: node, path: "", file: file)
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(file: file, line: Self.line(of: error), path: "", message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw ConfigError(file: file, path: "", message: "not valid YAML")
        }
    }

    var line: Int? { node.mark.map { $0.line } }

    func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, path: path, message: message)
    }

    func child(_ key: String, _ node: Node) -> StrictNode {
        StrictNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The mapping's entries in order; throws when the node is not a mapping.
    func mapping() throws(ConfigError) -> [(key: String, value: StrictNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping") }
        var seen = Set<String>()
        var entries: [(String, StrictNode)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error("keys must be plain text") }
            guard seen.insert(scalar.string).inserted else {
                throw ConfigError(file: file, line: key.mark?.line, path: path, message: "the key '\(scalar.string)' appears twice")
            }
            entries.append((scalar.string, child(scalar.string, value)))
        }
        return entries
    }

    /// A mapping with a fixed set of keys: unknown keys are errors (recorded in `ProblemLog.current`
    /// when one is set, and left out).
    func fields(_ allowed: Set<String>) throws(ConfigError) -> [String: StrictNode] {
        var out: [String: StrictNode] = [:]
        for (key, value) in try mapping() {
            guard allowed.contains(key) else {
                let problem = ConfigError(file: file, line: value.line, path: value.path,
                                          message: "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
                // Under `config check`, every unknown key is named, not only the first.
                guard let log = ProblemLog.current else { throw problem }
                log.record(problem)
                continue
            }
            out[key] = value
        }
        return out
    }

    func sequence() throws(ConfigError) -> [StrictNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { child("\($0.offset)", $0.element) }
    }

    func string() throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a text value") }
        return scalar.string
    }

    func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingUnderscores()) else {
            throw error("expected a whole number")
        }
        guard range.contains(value) else { throw error("\(value) is out of range \(range.lowerBound)…\(range.upperBound)") }
        return value
    }

    func double(in range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string) else { throw error("expected a number") }
        guard range.contains(value) else { throw error("\(scalar.string) is out of range \(range.lowerBound)…\(range.upperBound)") }
        return value
    }

    func bool() throws(ConfigError) -> Bool {
        guard case .scalar(let scalar) = node else { throw error("expected true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false")
        }
    }

    /// A duration written `500ms`, `10s`, `5m`, `1h` or `2d`.
    func duration(in range: ClosedRange<Duration> = .milliseconds(1)...(.seconds(365 * 86_400))) throws(ConfigError) -> Duration {
        guard case .scalar(let scalar) = node, let value = ConfigDuration.parse(scalar.string) else {
            throw error("expected a duration such as 500ms, 10s, 5m, 1h or 2d")
        }
        guard range.contains(value) else { throw error("\(scalar.string) is out of range") }
        return value
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
