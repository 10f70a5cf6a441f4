import ArgumentParser
import ReferralConfig

/// `referrald config check`: load and validate the configuration and every partner profile.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Validate the configuration and every partner profile.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let config = try options.loadConfiguration()
            print("\(options.configPath): OK")
            for partner in config.partners {
                print("  partner \(partner.name): profile \(partner.profile.name) (\(partner.profileReference)), \(partner.profile.encoding.rawValue), header row \(partner.profile.headerRow)")
            }
        }
    }
}
