import Testing
@testable import ReferralConfig

@Suite("Configuration: mesh")
struct MeshSettingsTests {
    let locator = ProfileLocator(extraDirectories: [])

    static let connection = """
    mesh:
      url: https://127.0.0.1:8700
      password_file: /run/credentials/referrald.service/mesh-password
      shared_key_file: /run/credentials/referrald.service/mesh-shared-key
      client_certificate: /etc/referrald/mesh/client.pem
      client_key: /run/credentials/referrald.service/mesh-client-key
      ca_certificate: /etc/referrald/mesh/ca.pem
      poll_interval: 30s
    """

    static let health = """
      police: { profile: standard }
      health:
        profile: standard
        intake:
          mesh:
            mailbox: X26HC001
            from: [RA9OT001, RA9OT002]
            workflow_ids: [SAFEGUARDING_REFERRAL]
            report_back: true
    """

    @Test func meshPartnerAndConnectionAreDecoded() throws {
        let config = try Configuration(yaml: ConfigFixture.yaml(Self.connection, partners: Self.health), profiles: locator)
        let mesh = try #require(config.mesh)
        #expect(mesh.url == "https://127.0.0.1:8700")
        #expect(mesh.passwordFile.hasSuffix("/mesh-password"))
        #expect(mesh.sharedKeyFile.hasSuffix("/mesh-shared-key"))
        #expect(mesh.clientKey.hasSuffix("/mesh-client-key"))
        #expect(mesh.pollInterval == .seconds(30))
        #expect(config.partner(named: "police")?.mesh == nil)
        let intake = try #require(config.partner(named: "health")?.mesh)
        #expect(intake.mailbox == "X26HC001")
        #expect(intake.from == ["RA9OT001", "RA9OT002"])
        #expect(intake.workflowIDs == ["SAFEGUARDING_REFERRAL"])
        #expect(intake.reportBack)
        #expect(intake.replyWorkflow(for: "SAFEGUARDING_REFERRAL") == "SAFEGUARDING_REFERRAL_ACK")
    }

    @Test func dropIsTheDefaultAndCanBeSaid() throws {
        let config = try Configuration(
            yaml: ConfigFixture.yaml("", partners: "  acme: { profile: standard, intake: drop }"), profiles: locator)
        #expect(config.partners.first?.mesh == nil)
        #expect(config.mesh == nil)
    }

    @Test(arguments: [
        // (partners, mesh section, expected message fragment)
        (health, "", "has a mesh intake but there is no 'mesh:' section"),
        (health, connection.replacingOccurrences(of: "https://127.0.0.1:8700", with: "http://127.0.0.1:8700"), "expected an https:// URL"),
        (health, connection.replacingOccurrences(of: "/etc/referrald/mesh/ca.pem", with: "ca.pem"), "expected an absolute path"),
        (health, connection.replacingOccurrences(of: "  password_file: /run/credentials/referrald.service/mesh-password\n", with: "  password: hunter2\n"), "password"),
        (health.replacingOccurrences(of: "        from: [RA9OT001, RA9OT002]\n", with: ""), connection, "missing key 'from'"),
        (health.replacingOccurrences(of: "[SAFEGUARDING_REFERRAL]", with: "[]"), connection, "at least one a workflow id"),
        (health.replacingOccurrences(of: "X26HC001", with: "x26 hc"), connection, "expected a mailbox id"),
        (health + "\n  health2:\n    profile: standard\n    intake: { mesh: { mailbox: X26HC001, from: [RA9OT002], workflow_ids: [W] } }",
         connection, "is accepted for both 'health' and 'health2'"),
        (health + "\n  health2:\n    profile: standard\n    intake: { mesh: { mailbox: X26HC999, from: [RA9OT009], workflow_ids: [W] } }",
         connection, "every mesh partner names the one mailbox"),
        ("  acme: { profile: standard, intake: sftp }", "", "expected 'drop' or a mapping with 'mesh'"),
    ])
    func badMeshConfigurationIsNamed(partners: String, mesh: String, fragment: String) {
        #expect {
            try Configuration(yaml: ConfigFixture.yaml(mesh, partners: partners), file: "r.yaml", profiles: locator)
        } throws: { error in
            (error as? ConfigError)?.description.contains(fragment) == true
        }
    }
}
