/// Content types for static files by file extension.
package enum MediaType {
    /// The type for files with no known extension.
    package static let octetStream = "application/octet-stream"

    /// The `Content-Type` for a file extension given without its dot, case-insensitive. Text types
    /// carry `charset=utf-8`; unknown extensions get `application/octet-stream`.
    package static func forFileExtension(_ fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "md": "text/markdown; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "xml": "application/xml"
        case "json", "map": "application/json"
        case "webmanifest": "application/manifest+json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "avif": "image/avif"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "ttf": "font/ttf"
        case "otf": "font/otf"
        case "wasm": "application/wasm"
        case "pdf": "application/pdf"
        default: octetStream
        }
    }

    /// The `Content-Type` for a file path, from the extension of its last segment
    /// (`js/herald.min.js` gives JavaScript; `LICENSE` and `.hidden` give octet-stream).
    package static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return octetStream }
        return forFileExtension(String(name[name.index(after: dot)...]))
    }
}
