import ArgumentParser
import MeshClient
import ReferralConfig
import ReferralDaemon

/// `referrald mesh check`: the MESH connection as configured: handshake and inbox count.
struct MeshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh", abstract: "MESH mailbox tools.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate the MESH mailbox (handshake) and count its inbox; nothing is downloaded or acknowledged.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let config = try options.loadConfiguration()
            let client: MeshClient
            do {
                guard let configured = try MeshConnection.client(config) else {
                    Console.error("no partner's intake is mesh in \(options.configPath)")
                    throw ExitStatus.configuration.code
                }
                client = configured
            } catch let error as MeshError {
                Console.error("\(error)")
                throw ExitStatus.configuration.code
            }
            do throws(MeshError) {
                try client.handshake()
                let inbox = try client.inbox()
                print("mesh mailbox \(client.endpoint.mailbox): handshake ok, inbox \(inbox.messageIDs.count) message(s)")
            } catch {
                Console.error("\(error)")
                throw (error.needsReload ? ExitStatus.configuration : ExitStatus.databaseUnavailable).code
            }
        }
    }
}
