import BounceApp
import BounceCore
import Testing

@Suite struct CheckConfigWarningsTests {
    /// A machine with these directories, files and programs and nothing else.
    static func machine(
        directories: Set<String> = [], files: Set<String> = [], programs: Set<String> = []
    ) -> CheckConfigWarnings {
        CheckConfigWarnings(
            exists: { files.contains($0) || directories.contains($0) || programs.contains($0) },
            isDirectory: { directories.contains($0) },
            isExecutable: { programs.contains($0) })
    }

    @Test func theDefaultsOnABareMachine() {
        let warnings = Self.machine().warnings(for: Configuration())
        #expect(
            warnings == [
                "metrics.textfile: the directory /var/lib/prometheus/node-exporter does not "
                    + "exist (node_exporter's textfile directory; is prometheus-node-exporter "
                    + "installed?)",
                "notifiers[0].path: /usr/sbin/sendmail is not a program that can be run",
            ])
    }

    @Test func theDefaultsOnAMailServerWithNodeExporter() {
        let machine = Self.machine(
            directories: ["/var/lib/prometheus/node-exporter"], programs: ["/usr/sbin/sendmail"])
        #expect(machine.warnings(for: Configuration()).isEmpty)
    }

    @Test func filesTheNotifiersAndTheJournalNeed() {
        let config = Configuration(
            sources: [
                .journal(JournalSourceConfig(directory: "/var/log/journal")),
                .journal(JournalSourceConfig(files: ["/j/a.journal", "/j/b.journal"], name: "j")),
            ],
            metrics: MetricsConfig(textfile: nil),
            notifiers: [
                .smtp(
                    SMTPNotifierConfig(
                        host: "relay", caFile: "/etc/ca.pem", username: "bw",
                        passwordFile: "/etc/bouncewatch/pw", from: "a@b", to: ["c@d"])),
                .file(FileNotifierConfig(path: "/var/lib/bouncewatch/alerts.mbox")),
                .file(FileNotifierConfig(path: "/alerts.mbox", name: "root")),
            ])
        let bare = Self.machine(directories: ["/"], files: ["/j/b.journal", "/etc/ca.pem"])
        #expect(
            bare.warnings(for: config) == [
                "sources[0].directory: /var/log/journal is not a directory",
                "sources[1].files: /j/a.journal does not exist",
                "notifiers[0].password_file: /etc/bouncewatch/pw does not exist",
                "notifiers[1].path: the directory /var/lib/bouncewatch does not exist",
            ])
        let ready = Self.machine(
            directories: ["/", "/var/log/journal", "/var/lib/bouncewatch"],
            files: ["/j/a.journal", "/j/b.journal", "/etc/ca.pem", "/etc/bouncewatch/pw"])
        #expect(ready.warnings(for: config).isEmpty)
    }

    /// A bare file name lives in the current directory, not in `/`.
    @Test func aBareFileNameIsCheckedInTheCurrentDirectory() {
        let config = Configuration(
            metrics: MetricsConfig(textfile: "bouncewatch.prom"),
            notifiers: [.file(FileNotifierConfig(path: "alerts.mbox"))])
        #expect(Self.machine(directories: ["."]).warnings(for: config).isEmpty)
        #expect(
            Self.machine(directories: ["/"]).warnings(for: config) == [
                "metrics.textfile: the directory . does not exist (node_exporter's textfile "
                    + "directory; is prometheus-node-exporter installed?)",
                "notifiers[0].path: the directory . does not exist",
            ])
    }
}

/// Glob patterns that match more files than a source may follow, or many files.
@Suite struct CheckConfigPatternWarningsTests {
    static func machine(matching count: Int) -> CheckConfigWarnings {
        CheckConfigWarnings(
            exists: { _ in true }, isDirectory: { _ in true }, isExecutable: { _ in true },
            matchCount: { _ in count })
    }

    static func config(maxFiles: Int = FileSourceConfig.defaultMaxFiles) -> Configuration {
        Configuration(
            sources: [.file(FileSourceConfig(path: "/var/log/*/*.log", maxFiles: maxFiles))],
            metrics: MetricsConfig(textfile: nil), notifiers: [])
    }

    @Test func aPatternOverItsCapIsWarnedAbout() {
        #expect(
            Self.machine(matching: 1100).warnings(for: Self.config()) == [
                "sources[0].path: /var/log/*/*.log matches 1100 files, more than max_files"
                    + " (256): only 256 will be followed"
            ])
    }

    @Test func aPatternMatchingManyFilesIsWarnedAbout() {
        #expect(
            Self.machine(matching: 150).warnings(for: Self.config()) == [
                "sources[0].path: /var/log/*/*.log matches 150 files; each one followed holds a"
                    + " descriptor open (max_files is 256)"
            ])
    }

    @Test func aPatternMatchingFewFilesIsNot() {
        #expect(Self.machine(matching: 100).warnings(for: Self.config()).isEmpty)
        #expect(Self.machine(matching: 5).warnings(for: Self.config(maxFiles: 5)).isEmpty)
    }
}
