import Foundation

/// `referrald config check`: every problem of a configuration and of each partner's profile,
/// not only the first. Each unknown key anywhere is named; a wrong value stops the checking of
/// the file it is in (the configuration, or one profile), and every profile is checked even when
/// another one, or the configuration, has a problem.
public enum ConfigCheck {
    public struct Result {
        /// The configuration, when it has no problem at all.
        public var configuration: Configuration?
        /// Ordered by file (the configuration first) and line, each named once.
        public var problems: [ConfigError]
    }

    public static func run(path: String, profiles: ProfileLocator = ProfileLocator()) -> Result {
        let log = ProblemLog()
        let configuration: Configuration? = ProblemLog.$current.withValue(log) {
            do throws(ConfigError) {
                return try Configuration.load(path: path, profiles: profiles)
            } catch {
                log.record(error)
                return nil
            }
        }
        for (reference, node) in profileReferences(path: path) {
            ProblemLog.$current.withValue(log) {
                do throws(ConfigError) {
                    _ = try profiles.load(reference, relativeTo: path)
                } catch {
                    log.record(error.file != nil ? error : node.error(error.message))
                }
            }
        }
        var seen = Set<String>()
        let problems = log.problems.filter { seen.insert($0.description).inserted }.sorted { a, b in
            let fa = a.file == path ? "" : a.file ?? "", fb = b.file == path ? "" : b.file ?? ""
            return fa != fb ? fa < fb : (a.line ?? 0) < (b.line ?? 0)
        }
        return Result(configuration: problems.isEmpty ? configuration : nil, problems: problems)
    }

    /// `partners.<name>.profile` of each partner, read leniently: the configuration's own
    /// problems are reported by the full decode, this only finds the profiles to check.
    private static func profileReferences(path: String) -> [(String, StrictNode)] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
              let root = try? StrictNode.parse(text, file: path), let entries = try? root.mapping(),
              let partners = entries.first(where: { $0.key == "partners" })?.value,
              let list = try? partners.mapping() else { return [] }
        return list.compactMap { _, partner in
            guard let fields = try? partner.mapping(), let node = fields.first(where: { $0.key == "profile" })?.value,
                  let reference = try? node.string() else { return nil }
            return (reference, node)
        }
    }
}
