import Foundation

/// Where the council's mailbox lives and how to reach it: the environment's base URL, the
/// mailbox id, and the TLS files (intake.md's top-level `mesh:`). The secrets are in `MeshSecrets`.
public struct MeshEndpoint: Sendable, Equatable {
    public var baseURL: String
    public var mailbox: String
    public var clientCertificate: String
    public var clientKey: String
    public var caCertificate: String
    /// Seconds allowed to connect, and for a transfer that moves no byte.
    public var connectTimeout: Int
    public var stallTimeout: Int

    public init(
        baseURL: String, mailbox: String, clientCertificate: String, clientKey: String, caCertificate: String,
        connectTimeout: Int = 10, stallTimeout: Int = 60
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.mailbox = mailbox
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.caCertificate = caCertificate
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    var mailboxURL: String { "\(baseURL)/messageexchange/\(mailbox)" }
}

/// The mailbox password and the environment's shared key, read from credential files
/// (`LoadCredential=`), never from the configuration, the environment or the command line.
public struct MeshSecrets: Sendable {
    let password: String
    let sharedKey: String

    /// Reads both files; a trailing newline is not part of a secret.
    public static func read(passwordFile: String, sharedKeyFile: String) throws(MeshError) -> MeshSecrets {
        MeshSecrets(
            password: try readSecret(passwordFile, what: "password file"),
            sharedKey: try readSecret(sharedKeyFile, what: "shared key file"))
    }

    private static func readSecret(_ path: String, what: String) throws(MeshError) -> String {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw .credential(what: what, path: path)
        }
        let secret = text.trimmingCharacters(in: .newlines)
        guard !secret.isEmpty, !secret.contains("\n") else { throw .credential(what: what, path: path) }
        return secret
    }

    init(password: String, sharedKey: String) {
        self.password = password
        self.sharedKey = sharedKey
    }
}
