import Foundation
import TestSupport

/// A configuration whose partner `health` takes its extracts from the MESH sandbox (the canned
/// trust mailbox sending the canned workflow), beside the drop-directory partner `acme`.
enum MeshFixture {
    static func partners(from: String = MeshSandbox.trust, workflow: String = MeshSandbox.workflow, reportBack: Bool = false) -> String {
        """
          acme: { profile: standard }
          health:
            profile: standard
            intake:
              mesh:
                mailbox: \(MeshSandbox.council)
                from: [\(from)]
                workflow_ids: [\(workflow)]
                report_back: \(reportBack)
                report_workflow_id: \(MeshSandbox.replyWorkflow)
        """
    }

    /// The `mesh:` section. `confined`: as a confined daemon sees it, the secrets as credential
    /// files in `credentials` and the certificates copied into `base`.
    static func section(
        _ sandbox: MeshSandbox, ca: String? = nil, pollInterval: String = "500ms",
        confined: (base: String, credentials: String)? = nil
    ) -> String {
        let secret = { (name: String, file: String) in confined.map { $0.credentials + "/" + name } ?? file }
        return """
            mesh:
              url: \(sandbox.url)
              password_file: \(secret("mesh-password", sandbox.passwordFile))
              shared_key_file: \(secret("mesh-shared-key", sandbox.sharedKeyFile))
              client_certificate: \(confined.map { $0.base + "/client.pem" } ?? sandbox.clientCertificate)
              client_key: \(secret("mesh-client-key", sandbox.clientKey))
              ca_certificate: \(ca ?? confined.map { $0.base + "/ca.pem" } ?? sandbox.caCertificate)
              poll_interval: \(pollInterval)
            """
    }

    /// A whole configuration file in `directory` (the database need not exist for `mesh check`).
    static func writeConfig(
        in directory: String, sandbox: MeshSandbox, conninfo: String = "host=/nonexistent dbname=none", ca: String? = nil,
        partners: String = MeshFixture.partners()
    ) throws -> String {
        let path = directory + "/referrald.yaml"
        try """
            database:
              conninfo: "\(conninfo)"
            drop:
              root: \(directory)/drop
              poll_interval: 300ms
              settle_time: 1s
            partners:
            \(partners)
            \(section(sandbox, ca: ca))
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
