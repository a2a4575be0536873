import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

private func openError(_ path: String) -> IngestError? {
    do {
        _ = try LineReader(path: path)
        return nil
    } catch {
        return error
    }
}

@Suite struct OpenErrorTests {
    @Test func aMissingFileIsNamed() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("absent.log")
        #expect(openError(path) == .missingFile(path: path))
        #expect(IngestError.missingFile(path: path).description == "\(path): no such file")
    }

    @Test func aPathThroughAFileIsMissing() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("plain", [])
        #expect(openError(file + "/inside.log") == .missingFile(path: file + "/inside.log"))
    }

    @Test func aDirectoryIsRefused() throws {
        let dir = try TemporaryDirectory()
        #expect(openError(dir.url.path) == .isDirectory(path: dir.url.path))
    }

    /// Unreadable even for root, which is who runs the tests here: a link to nothing.
    @Test func aDanglingSymbolicLinkIsUnreadable() throws {
        let dir = try TemporaryDirectory()
        let link = dir.path("dangling.log")
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: dir.path("gone.log"))
        let error = openError(link)
        #expect(
            error == .notReadable(path: link, reason: "symbolic link to a file that does not exist")
        )
    }

    /// Also unreadable for root: a Unix socket cannot be opened as a file.
    @Test func aSocketIsUnreadable() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("sock")
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        #expect(openError(path) == .notReadable(path: path, reason: "is a socket, not a log file"))
    }

    @Test func permissionErrorsMapToTheirOwnCase() {
        #expect(IngestError.opening("/x", errno: EACCES) == .permissionDenied(path: "/x"))
        #expect(IngestError.opening("/x", errno: EPERM) == .permissionDenied(path: "/x"))
        #expect(IngestError.opening("/x", errno: EISDIR) == .isDirectory(path: "/x"))
        #expect(IngestError.permissionDenied(path: "/x").description == "/x: permission denied")
    }

    /// A mode-000 file stops everyone but root; as root the refusal is shown by the binary
    /// tests, which drop privileges with setpriv.
    @Test func anUnreadableModeIsRefusedForOrdinaryUsers() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("secret.log", Array("x\n".utf8))
        chmod(path, 0)
        let error = openError(path)
        if geteuid() == 0 {
            #expect(error == nil)
        } else {
            #expect(error == .permissionDenied(path: path))
        }
    }
}
