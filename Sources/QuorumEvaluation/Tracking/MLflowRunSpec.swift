import Foundation
import QuorumCore

/// Everything Quorum logs to one MLflow run: the Quorum run itself, one system, or one item.
struct MLflowRunSpec: Sendable, Hashable {
    /// Which part of a Quorum run an MLflow run stands for; its `key` is stored in the `quorum.scope` tag
    /// so a later sync finds the run again instead of creating a second one.
    enum Scope: Sendable, Hashable {
        case run
        case system(String)
        case item(system: String, item: String)

        var key: String {
            switch self {
            case .run: "run"
            case .system(let system): "system:\(system)"
            case .item(let system, let item): "item:\(system)\u{1F}\(item)"
            }
        }
    }

    var scope: Scope
    /// The run this one is nested under (`mlflow.parentRunId`).
    var parent: Scope?
    var name: String
    /// Milliseconds since 1970.
    var startTime: Int64
    var endTime: Int64?
    var status: MLflowRunStatus
    var params: [MLflowKeyValue] = []
    var metrics: [MLflowMetric] = []
    var tags: [MLflowKeyValue] = []
    var artifacts: [MLflowArtifact] = []
    /// The item's spans as an OTLP request, for item runs.
    var trace: JSONValue?

    /// A digest of everything logged: a run whose `quorum.fingerprint` tag matches is already up to date.
    var fingerprint: String {
        var text = "\(scope.key)|\(name)|\(startTime)|\(endTime ?? -1)|\(status.rawValue)"
        for param in params { text += "|p:\(param.key)=\(param.value)" }
        for metric in metrics { text += "|m:\(metric.key)=\(metric.value)@\(metric.timestamp)/\(metric.step)" }
        for tag in tags { text += "|t:\(tag.key)=\(tag.value)" }
        for artifact in artifacts { text += "|a:\(artifact.path)=\(StableHash.hex(String(decoding: artifact.data, as: UTF8.self), bytes: 8))" }
        if let trace {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            text += "|trace:" + String(decoding: (try? encoder.encode(trace)) ?? Data(), as: UTF8.self)
        }
        return StableHash.hex(text, bytes: 16)
    }
}

/// A file to upload as a run artifact.
struct MLflowArtifact: Sendable, Hashable {
    var path: String
    var data: Data
    var contentType: String
}
