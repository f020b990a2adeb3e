import Foundation

/// A self-signed certificate for 127.0.0.1, made with the `openssl` CLI in a temp dir
/// at test time (no key is ever committed).
package struct TestCertificate: Sendable {
    package let certificatePath: String
    package let keyPath: String

    /// One certificate per test process, made on a thread of its own: RSA key generation
    /// can take seconds on a loaded machine and must not hold up the narrow cooperative pool.
    package static func shared() async throws -> TestCertificate {
        try await sharedTask.value
    }

    private static let sharedTask = Task<TestCertificate, any Error> {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try TestCertificate() }) }.start()
        }
    }

    package init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        certificatePath = directory.appendingPathComponent("cert.pem").path
        keyPath = directory.appendingPathComponent("key.pem").path
        try Self.openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyPath, "-out", certificatePath,
        ])
    }

    /// Writes a fresh EC key (one that matches no certificate; quick to make) and returns its path.
    package func unrelatedKeyPath() throws -> String {
        let path = keyPath + ".other"
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path])
        return path
    }

    package static func openssl(_ arguments: [String]) throws {
        guard try TestProcess.run(["openssl"] + arguments).status == 0 else {
            throw TestProcess.Failure(description: "openssl \(arguments[0]) failed")
        }
    }
}
