import Foundation

/// The commit checked out in the git repository around a folder, read from `.git` without running git.
///
/// Handles plain repositories, worktrees and submodules (`.git` is a file `gitdir: …` with a
/// `commondir`), loose and packed refs, and a detached HEAD. `nil` when there is no repository.
public enum GitCommit {
    public static func find(from directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if let gitDirectory = gitDirectory(in: folder) { return head(gitDirectory) }
            let up = folder.deletingLastPathComponent()
            if up.path == folder.path { return nil }
            folder = up
        }
    }

    static func gitDirectory(in folder: URL) -> URL? {
        let dotGit = folder.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return dotGit }
        guard let text = read(dotGit), text.hasPrefix("gitdir:") else { return nil }
        let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
    }

    static func head(_ gitDirectory: URL) -> String? {
        guard let head = read(gitDirectory.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref:") else { return isHash(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        var roots = [gitDirectory]
        if let common = read(gitDirectory.appendingPathComponent("commondir")) {
            roots.append(common.hasPrefix("/") ? URL(fileURLWithPath: common) : gitDirectory.appendingPathComponent(common).standardizedFileURL)
        }
        for root in roots {
            if let hash = read(root.appendingPathComponent(ref)), isHash(hash) { return hash }
            let packed = read(root.appendingPathComponent("packed-refs")) ?? ""
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                let hash = String(line.prefix { $0 != " " })
                if isHash(hash) { return hash }
            }
        }
        return nil
    }

    static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isHash(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
    }
}
