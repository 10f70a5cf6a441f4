import ArgumentParser
import ReferralConfig

/// `referrald config check`: load and validate the configuration and every partner profile.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Validate the configuration and every partner profile; name every problem.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let result = ConfigCheck.run(path: options.configPath)
            guard let config = result.configuration else {
                for problem in result.problems { Console.error("configuration error: \(problem)") }
                Console.error("\(options.configPath): \(result.problems.count) problem(s)")
                throw ExitStatus.configuration.code
            }
            print("\(options.configPath): OK")
            for partner in config.partners {
                print("  partner \(partner.name): profile \(partner.profile.name) (\(partner.profileReference)), \(partner.profile.encoding.rawValue), header row \(partner.profile.headerRow)")
            }
            let retention = config.retention
            if retention.isEmpty {
                print("  retention: none (nothing is ever removed)")
            } else {
                let age = { (d: Duration?) in d.map { "\($0.components.seconds / 86_400)d" } ?? "kept" }
                print("  retention: processed files \(age(retention.processedFiles)), refused rows \(age(retention.rejectedRows))")
            }
        }
    }
}
