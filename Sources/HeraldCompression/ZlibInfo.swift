import CHeraldZlib

/// Facts about the zlib Herald was linked against, for `herald --version` and logs.
package enum ZlibInfo {
    /// The runtime zlib version string, e.g. "1.2.13".
    package static var version: String {
        String(cString: zlibVersion())
    }
}
