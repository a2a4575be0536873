import BounceSystem
import Testing

/// `Path.matches` decides which saved positions still belong to a `type: file` source's
/// pattern, as `glob(3)` would list the paths: a wildcard never crosses a slash.
@Suite struct PathPatternTests {
    @Test(arguments: [
        ("/var/log/mail*.log", "/var/log/mail.log", true),
        ("/var/log/mail*.log", "/var/log/mail.1.log", true),
        ("/var/log/mail*.log", "/var/log/mail/x.log", false),
        ("/var/log/mail*.log", "/var/log/mail.log.1", false),
        ("/var/log/*/mail.log", "/var/log/mx1/mail.log", true),
        ("/var/log/*/mail.log", "/var/log/a/b/mail.log", false),
        ("/var/log/mail.?", "/var/log/mail.1", true),
        ("/var/log/mail.[0-9]", "/var/log/mail.x", false),
        ("/var/log/mail.log", "/var/log/mail.log", true),
    ])
    func matchesAsGlobListsPaths(pattern: String, path: String, matches: Bool) {
        #expect(Path.matches(pattern, path) == matches)
    }
}
