import Foundation
import HeraldProtocol

/// Public/ read into memory at start-up (it is small and never changes while
/// running), so serving a file is a dictionary lookup and no disk I/O ever
/// happens on a loop thread.
final class StaticFiles: Sendable {
    struct File: Sendable {
        let bytes: [UInt8]
        let contentType: String
        let etag: String
    }

    private let files: [String: File]

    /// Loads every regular file under `root` (not following links out of it), up to `maxBytes` in all.
    init(root: String, maxBytes: Int) throws {
        var files: [String: File] = [:]
        var total = 0
        let rootURL = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StaticFilesError.missingRoot(root: root)
        }
        let enumerator = FileManager.default.enumerator(
            at: rootURL, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey],
            options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey])
            guard values.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(rootURL.path.count + 1))
            let data = try Data(contentsOf: url)
            total += data.count
            guard total <= maxBytes else {
                throw StaticFilesError.tooLarge(root: root, maxBytes: maxBytes)
            }
            let modified = Int((values.contentModificationDate ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970)
            files[relative] = File(
                bytes: Array(data),
                contentType: MediaType.forPath(relative),
                etag: ETag.make(size: data.count, modificationSeconds: modified))
        }
        self.files = files
    }

    /// The file at a path relative to the root (`index.html`), if any.
    func file(at relativePath: String) -> File? {
        files[relativePath]
    }
}

enum StaticFilesError: Error, CustomStringConvertible {
    case tooLarge(root: String, maxBytes: Int)
    case missingRoot(root: String)

    var description: String {
        switch self {
        case .tooLarge(let root, let maxBytes):
            "static files under \(root) exceed static.max_bytes (\(maxBytes) bytes)"
        case .missingRoot(let root):
            "static.root '\(root)' is not a folder: run herald from the repository root or set static.root"
        }
    }
}
