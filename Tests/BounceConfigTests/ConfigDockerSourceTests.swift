import BounceConfig
import BounceCore
import Testing

/// `type: docker` sources and the journal's `container:`.
@Suite struct ConfigDockerSourceTests {
    @Test func aContainerByNameWithItsDefaults() throws {
        let config = try load(
            """
            sources:
              - type: docker
                container: mailcowdockerized-postfix-mailcow-1
            """)
        #expect(
            config.sources == [
                .docker(
                    DockerSourceConfig(target: .container("mailcowdockerized-postfix-mailcow-1")))
            ])
        #expect(config.sources[0].name == "mailcowdockerized-postfix-mailcow-1")
        guard case .docker(let docker) = config.sources[0] else { return }
        #expect(docker.dockerRoot == "/var/lib/docker")
        #expect(docker.startAt == .end)
    }

    @Test func aLogByPathWithEverySetting() throws {
        let config = try load(
            """
            sources:
              - type: docker
                path: /srv/docker/containers/abc/abc-json.log
                format: postfix
                start_at: beginning
                name: mail
              - type: docker
                container: 0123456789ab
                docker_root: /srv/docker
            """)
        #expect(
            config.sources == [
                .docker(
                    DockerSourceConfig(
                        target: .path("/srv/docker/containers/abc/abc-json.log"),
                        format: .postfix, startAt: .beginning, name: "mail")),
                .docker(
                    DockerSourceConfig(
                        target: .container("0123456789ab"), dockerRoot: "/srv/docker")),
            ])
    }

    @Test func aJournalSourceMatchingAContainer() throws {
        let config = try load(
            """
            sources:
              - type: journal
                container: mailserver
            """)
        #expect(config.sources == [.journal(JournalSourceConfig(container: "mailserver"))])
    }

    @Test(arguments: [
        (
            "sources:\n  - type: docker\n", "sources[0]",
            "a docker source needs a container (its name or id) or the path of its json-file log"
        ),
        (
            "sources:\n  - type: docker\n    container: a\n    path: /x-json.log\n",
            "sources[0].path", "give either container or path, not both"
        ),
        (
            "sources:\n  - type: docker\n    path: /var/lib/docker/containers/*/*-json.log\n",
            "sources[0].path", "a docker source reads one log file, not a pattern"
        ),
        (
            "sources:\n  - type: docker\n    container: a/b\n", "sources[0].container",
            "needs a container name or id, as `docker ps` shows it"
        ),
        (
            "sources:\n  - type: docker\n    container: a\n    docker_root: var/lib/docker\n",
            "sources[0].docker_root", "\"var/lib/docker\" is not an absolute path (start it with /)"
        ),
        (
            "sources:\n  - type: docker\n    container: a\n    max_files: 3\n",
            "sources[0].max_files",
            "unknown key (expected one of: type, container, path, docker_root, format, "
                + "start_at, name)"
        ),
    ])
    func refuses(yaml: String, key: String, message: String) {
        let first = problems(yaml).first
        #expect(first?.key == key)
        #expect(first?.message == message)
    }

    @Test func renderedAndReadBack() throws {
        let original = try load(
            """
            sources:
              - type: docker
                container: /postfix-1
                docker_root: /srv/docker
                format: postfix
                start_at: beginning
                name: relay
              - type: docker
                path: /var/lib/docker/containers/abc/abc-json.log
              - type: journal
                container: mailu-smtp-1
            """)
        let text = ConfigRenderer.render(original)
        let again = try load(text)
        #expect(again.sources == original.sources)
    }
}
