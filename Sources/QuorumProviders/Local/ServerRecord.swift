import Foundation

/// The PID file of one running server: `run/<model>.pid`, the PID on the first line and the port on the second.
///
/// Plain text so a shell can `kill $(head -1 run/smollm2-135m.pid)`; the port is recorded because it
/// can differ from today's `QUORUM_LOCAL_PORT_BASE`.
public struct ServerRecord: Sendable, Hashable {
    public var model: String
    public var pid: Int32
    public var port: Int

    public init(model: String, pid: Int32, port: Int) {
        self.model = model
        self.pid = pid
        self.port = port
    }

    /// The PID file for `model` in `directory`.
    public static func file(for model: String, in directory: URL) -> URL {
        directory.appendingPathComponent("\(model).pid")
    }

    /// The record in `directory`, or `nil` when there is none or it cannot be parsed.
    public static func read(model: String, from directory: URL) -> ServerRecord? {
        guard let text = try? String(contentsOf: file(for: model, in: directory), encoding: .utf8) else { return nil }
        return ServerRecord(model: model, text: text)
    }

    /// Parses the two-line text form; `nil` when either line is missing or not a positive number.
    public init?(model: String, text: String) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count >= 2, let pid = Int32(lines[0]), pid > 0, let port = Int(lines[1]), port > 0 else {
            return nil
        }
        self.init(model: model, pid: pid, port: port)
    }

    /// The text written to the PID file.
    public var text: String { "\(pid)\n\(port)\n" }

    /// Writes the record atomically into `directory`, creating it if needed.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: Self.file(for: model, in: directory), atomically: true, encoding: .utf8)
    }

    /// Removes the record for `model` from `directory`; no error if it is already gone.
    public static func remove(model: String, from directory: URL) {
        try? FileManager.default.removeItem(at: file(for: model, in: directory))
    }
}
