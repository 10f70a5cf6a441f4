import Foundation
import MeshClient
import ReferralConfig
import ReferralCore

/// The MESH client the configuration describes: `mesh:` (URL, TLS files, credential files) and
/// the one mailbox the mesh partners name. The secrets are read from their files here.
public enum MeshConnection {
    /// The mesh partners, in the configuration's order.
    public static func partners(_ config: Configuration) -> [Configuration.Partner] {
        config.partners.filter { $0.mesh != nil }
    }

    /// A client for the configured mailbox; nil when no partner's intake is mesh.
    public static func client(_ config: Configuration, now: @escaping @Sendable () -> Date = Date.init) throws(MeshError) -> MeshClient? {
        guard let settings = config.mesh, let mailbox = partners(config).first?.mesh?.mailbox else { return nil }
        let secrets = try MeshSecrets.read(passwordFile: settings.passwordFile, sharedKeyFile: settings.sharedKeyFile)
        for (what, path) in [("client certificate", settings.clientCertificate), ("client key", settings.clientKey),
                             ("ca certificate", settings.caCertificate)] where access(path, R_OK) != 0 {
            throw .credential(what: what, path: path)
        }
        let endpoint = MeshEndpoint(
            baseURL: settings.url, mailbox: mailbox, clientCertificate: settings.clientCertificate,
            clientKey: settings.clientKey, caCertificate: settings.caCertificate)
        return MeshClient(endpoint: endpoint, secrets: secrets, clientVersion: ReferralVersion.current, now: now)
    }
}
