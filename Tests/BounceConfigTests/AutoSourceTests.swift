import BounceConfig
import BounceCore
import BounceTestSupport
import Testing

/// `type: auto` (and no `sources` at all) picks the log file when it exists, else the journal.
@Suite struct AutoSourceTests {
    static let yaml = """
        sources:
          - type: auto
            path: /var/log/exim4/mainlog
            start_at: beginning
            format: exim
        """

    @Test func theFileWhenItExists() throws {
        let config = try load(Self.yaml, existing: ["/var/log/exim4/mainlog"])
        #expect(
            config.sources == [
                .file(
                    FileSourceConfig(
                        path: "/var/log/exim4/mainlog", format: .exim, startAt: .beginning))
            ])
    }

    @Test func theSystemJournalOtherwise() throws {
        let config = try load(Self.yaml, existing: ["/var/log/mail.log"])
        #expect(config.sources == [.journal(JournalSourceConfig(startAt: .beginning))])
    }

    @Test func theDefaultPathIsTheDebianMailLog() throws {
        var asked: [String] = []
        let config = try ConfigLoader.load(
            yaml: "sources:\n  - type: auto\n    name: mail\n", origin: "x.yml",
            fileExists: { path in
                asked.append(path)
                return true
            })
        #expect(asked == ["/var/log/mail.log"])
        #expect(
            config.sources == [.file(FileSourceConfig(path: "/var/log/mail.log", name: "mail"))])
        let journal = try load("sources:\n  - type: auto\n    name: mail\n", existing: [])
        #expect(journal.sources == [.journal(JournalSourceConfig(name: "mail"))])
    }

    @Test func noSourcesKeyBehavesAsOneAutoSource() throws {
        #expect(try load("", existing: []).sources == [.journal(JournalSourceConfig())])
        #expect(
            try load("", existing: ["/var/log/mail.log"]).sources
                == [.file(FileSourceConfig(path: "/var/log/mail.log"))])
    }

    @Test func loadingFromAFileLooksAtThisMachine() throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("mail.log")
        let config = directory.path("bouncewatch.yml")
        try directory.write("bouncewatch.yml", "sources:\n  - type: auto\n    path: \(log)\n")
        #expect(try ConfigLoader.load(path: config).sources == [.journal(JournalSourceConfig())])
        try directory.write("mail.log", "")
        #expect(try ConfigLoader.load(path: config).sources == [.file(FileSourceConfig(path: log))])
    }
}
