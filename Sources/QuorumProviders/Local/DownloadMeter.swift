import Foundation

/// Counts the bytes an install has put on disk so far, for its progress line and its watchdog.
enum DownloadMeter {
    /// Bytes of the files under `directory`, at any depth, each file name counted once at its largest:
    /// pip downloads a wheel into its temporary folder and then copies it to the destination, and the
    /// two copies are one download.
    static func bytes(in directory: URL) -> Int64 {
        guard let files = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        else { return 0 }
        var largest: [String: Int64] = [:]
        for case let file as URL in files {
            guard let values = try? file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]),
                values.isRegularFile == true
            else { continue }
            let size = Int64(values.fileSize ?? 0)
            largest[file.lastPathComponent] = max(largest[file.lastPathComponent] ?? 0, size)
        }
        return largest.values.reduce(0, +)
    }

    /// The size of one file, 0 when it does not exist yet.
    static func size(of file: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
