import ArgumentParser
import Foundation
import Logging
import ReferralConfig
import ReferralDaemon
import Systemd

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: $REFERRALD_CONFIG, else /etc/referrald/referrald.yaml).")
    var config: String?

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["REFERRALD_CONFIG"] ?? "/etc/referrald/referrald.yaml"
    }

    /// Loads the configuration, or prints the error and exits 78. Also hands a systemd
    /// credential `db-password` (from `$CREDENTIALS_DIRECTORY`) to libpq as its password.
    func loadConfiguration() throws -> Configuration {
        Credentials.applyDatabasePassword()
        do {
            return try Configuration.load(path: configPath)
        } catch {
            Console.error("configuration error: \(error)")
            throw ExitStatus.configuration.code
        }
    }

    /// The configured partner `name`, or prints that there is none and exits 64.
    func partner(named name: String, in config: Configuration) throws -> Configuration.Partner {
        guard let partner = config.partner(named: name) else {
            Console.error("no partner '\(name)' in \(configPath)")
            throw ExitStatus.usage.code
        }
        return partner
    }
}

/// Output for people: results on stdout, problems on stderr.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in LineLogHandler(label: label) }
    }
}

/// systemd credentials (`LoadCredential=`): the database password never sits in the configuration.
enum Credentials {
    static func applyDatabasePassword(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let dir = environment["CREDENTIALS_DIRECTORY"], environment["PGPASSWORD"] == nil,
              let data = FileManager.default.contents(atPath: dir + "/db-password"),
              var password = String(data: data, encoding: .utf8) else { return }
        while password.last == "\n" || password.last == "\r" { password.removeLast() }
        setenv("PGPASSWORD", password, 1)
    }
}
