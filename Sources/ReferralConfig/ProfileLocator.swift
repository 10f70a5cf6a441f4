import Foundation
import ReferralCore

/// Finds and loads partner profiles: a shipped name (`police`) or a path (`/etc/referrald/x.yaml`).
///
/// A name is looked up as `<name>.yaml` in each search directory in turn: `partners/` beside the
/// configuration file, then the `extraDirectories` (the installed share directory, the source
/// tree's `config/partners`). `standard` is built in when no file overrides it.
public struct ProfileLocator: Sendable {
    public var extraDirectories: [String]

    public init(extraDirectories: [String] = ProfileLocator.defaultDirectories()) {
        self.extraDirectories = extraDirectories
    }

    /// `/usr/local/share/referrald/partners`, `/usr/share/referrald/partners`, and `config/partners`
    /// of the source tree the executable was built in.
    public static func defaultDirectories() -> [String] {
        var dirs = ["/usr/local/share/referrald/partners", "/usr/share/referrald/partners"]
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<5 {
            dirs.append(dir.appendingPathComponent("config/partners").path)
            dir = dir.deletingLastPathComponent()
        }
        return dirs
    }

    /// Loads a profile by name or path; errors name the profile file, key and line.
    public func load(_ reference: String, relativeTo configFile: String?) throws(ConfigError) -> PartnerProfile {
        let base = configFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? FileManager.default.currentDirectoryPath
        if reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
            let path = reference.hasPrefix("/") ? reference : base + "/" + reference
            return try Self.read(path)
        }
        guard Configuration.isPartnerName(reference) else {
            throw ConfigError(path: "profile", message: "'\(reference)' is neither a profile name nor a path")
        }
        for dir in [base + "/partners"] + extraDirectories {
            let path = dir + "/" + reference + ".yaml"
            if FileManager.default.fileExists(atPath: path) { return try Self.read(path) }
        }
        if reference == "standard" { return .standard }
        throw ConfigError(path: "profile", message: "no profile named '\(reference)' in \(([base + "/partners"] + extraDirectories.prefix(2)).joined(separator: ", "))")
    }

    static func read(_ path: String) throws(ConfigError) -> PartnerProfile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, path: "", message: "cannot read the profile as UTF-8 text")
        }
        return try ProfileDecoder.decode(text, file: path)
    }
}
