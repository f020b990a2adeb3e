import CHeraldOpenSSL

/// SHA-1 through OpenSSL. Used only where a protocol demands it (the WebSocket
/// handshake's `Sec-WebSocket-Accept`), never for anything security-bearing.
package enum SHA1 {
    /// The 20-byte digest of `bytes`.
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = CHeraldOpenSSL.SHA1(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return digest
    }
}
