import Foundation

/// A metric as MLflow's REST API sends and receives it. `timestamp` is in milliseconds since 1970.
public struct MLflowMetric: Sendable, Hashable, Codable {
    public var key: String
    public var value: Double
    public var timestamp: Int64
    public var step: Int64

    public init(key: String, value: Double, timestamp: Int64, step: Int64 = 0) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.step = step
    }

    /// MLflow leaves out a zero `step` and writes NaN and infinities as strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        if let number = try? container.decode(Double.self, forKey: .value) {
            value = number
        } else {
            value = Double(try container.decode(String.self, forKey: .value)) ?? .nan
        }
        timestamp = try container.decodeIfPresent(Int64.self, forKey: .timestamp) ?? 0
        step = try container.decodeIfPresent(Int64.self, forKey: .step) ?? 0
    }

    enum CodingKeys: String, CodingKey { case key, value, timestamp, step }
}

/// A run parameter or tag: a key and a string value.
public struct MLflowKeyValue: Sendable, Hashable, Codable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// Where a run stands in MLflow.
public enum MLflowRunStatus: String, Sendable, Hashable, Codable {
    case running = "RUNNING", scheduled = "SCHEDULED", finished = "FINISHED", failed = "FAILED", killed = "KILLED"

    /// True once the run has ended one way or another.
    public var isTerminal: Bool { self == .finished || self == .failed || self == .killed }
}

/// An MLflow experiment.
public struct MLflowExperiment: Sendable, Hashable, Decodable {
    public var experimentID: String
    public var name: String
    public var artifactLocation: String?
    public var lifecycleStage: String?

    enum CodingKeys: String, CodingKey {
        case experimentID = "experiment_id", name, artifactLocation = "artifact_location",
            lifecycleStage = "lifecycle_stage"
    }
}

/// What MLflow knows about a run besides its data.
public struct MLflowRunInfo: Sendable, Hashable, Decodable {
    public var runID: String
    public var experimentID: String
    public var runName: String?
    public var status: MLflowRunStatus?
    public var startTime: Int64?
    public var endTime: Int64?
    /// `mlflow-artifacts:/<experiment>/<run>/artifacts` when the server proxies artifacts.
    public var artifactURI: String?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", experimentID = "experiment_id", runName = "run_name", status,
            startTime = "start_time", endTime = "end_time", artifactURI = "artifact_uri"
    }
}

/// A run's params, metrics (latest values) and tags.
public struct MLflowRunData: Sendable, Hashable, Decodable {
    public var metrics: [MLflowMetric]
    public var params: [MLflowKeyValue]
    public var tags: [MLflowKeyValue]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metrics = try container.decodeIfPresent([MLflowMetric].self, forKey: .metrics) ?? []
        params = try container.decodeIfPresent([MLflowKeyValue].self, forKey: .params) ?? []
        tags = try container.decodeIfPresent([MLflowKeyValue].self, forKey: .tags) ?? []
    }

    enum CodingKeys: String, CodingKey { case metrics, params, tags }

    public func tag(_ key: String) -> String? { tags.first { $0.key == key }?.value }
    public func param(_ key: String) -> String? { params.first { $0.key == key }?.value }
    public func metric(_ key: String) -> Double? { metrics.first { $0.key == key }?.value }
}

/// A run as `runs/get` and `runs/search` return it.
public struct MLflowRun: Sendable, Hashable, Decodable {
    public var info: MLflowRunInfo
    public var data: MLflowRunData
}
