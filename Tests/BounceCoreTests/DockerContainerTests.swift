import Testing

@testable import BounceCore

/// Reading `config.v2.json` and choosing the container a `container:` setting names.
@Suite struct DockerContainerTests {
    static let first = String(repeating: "a1b2c3d4", count: 8)
    static let second = "a1b2c3d4a1b2" + String(repeating: "0", count: 52)

    static func container(_ json: String) -> DockerContainer? {
        DockerContainer(configuration: Array(json.utf8))
    }

    @Test func readsTheIDAndTheNameWithoutItsSlash() {
        let read = Self.container(
            #"{"State":{"Running":true},"ID":"\#(Self.first)","Name":"/mailcowdockerized-postfix-mailcow-1","LogPath":"/x"}"#
        )
        #expect(
            read == DockerContainer(id: Self.first, name: "mailcowdockerized-postfix-mailcow-1"))
        #expect(
            read?.logPath(root: "/var/lib/docker/")
                == "/var/lib/docker/containers/\(Self.first)/\(Self.first)-json.log")
    }

    /// The id becomes a path: anything but hexadecimal digits is refused.
    @Test(arguments: [
        #"{"ID":"../../../etc","Name":"/x"}"#, #"{"ID":"","Name":"/x"}"#, #"{"Name":"/x"}"#,
        #"{"ID":"ABCDEF","Name":"/x"}"#, "not json", #"["ID"]"#,
    ])
    func refusesWhatIsNoContainer(json: String) {
        #expect(Self.container(json) == nil)
    }

    @Test func choosesByNameIDOrALongEnoughUniquePrefix() {
        let containers = [
            DockerContainer(id: Self.first, name: "postfix-1"),
            DockerContainer(id: Self.second, name: "dovecot-1"),
        ]
        let choose = { DockerContainerChoice.choose($0, among: containers) }
        #expect(choose("postfix-1") == .found(containers[0]))
        #expect(choose("/dovecot-1") == .found(containers[1]))
        #expect(choose(Self.second) == .found(containers[1]))
        #expect(choose("a1b2c3d4a1b2c") == .found(containers[0]))
        #expect(choose("a1b2c3d4a1b2") == .ambiguous(["dovecot-1", "postfix-1"]))
        // Shorter than `docker ps` shows ids: not taken as a prefix.
        #expect(choose("a1b2c3d4") == DockerContainerChoice.Outcome.none)
        #expect(choose("rspamd-1") == DockerContainerChoice.Outcome.none)
    }
}
