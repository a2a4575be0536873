import BounceTestSupport
import Foundation

/// A self-signed certificate for 127.0.0.1 and localhost, made with `openssl req -x509` at
/// test time, with its key.
struct TestCertificate {
    let certificate: String
    let key: String

    /// Writes `cert.pem` and `key.pem` into `directory`.
    init(in directory: TemporaryDirectory) throws {
        certificate = directory.path("cert.pem")
        key = directory.path("key.pem")
        try HelperProgram.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
                "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ])
    }
}
