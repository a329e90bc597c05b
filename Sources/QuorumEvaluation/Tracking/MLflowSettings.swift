import Foundation
import QuorumCore

/// Where and how to log a run, from `--mlflow URI`, `MLFLOW_TRACKING_URI` and the config's
/// `experiment.mlflow`, in that order of precedence.
public struct MLflowSettings: Sendable, Hashable {
    public var trackingURI: String
    /// The MLflow experiment; the Quorum experiment's name when `nil`.
    public var experiment: String?
    public var perItem: Bool

    public init(trackingURI: String, experiment: String? = nil, perItem: Bool = false) {
        self.trackingURI = trackingURI
        self.experiment = experiment
        self.perItem = perItem
    }

    /// The settings in force, or `nil` when nothing asks for MLflow.
    public static func resolve(flag: String?, environment: [String: String], config: MLflowConfig?) -> MLflowSettings? {
        let uri = [flag, environment["MLFLOW_TRACKING_URI"], config?.trackingURI]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        guard let uri else { return nil }
        return MLflowSettings(trackingURI: uri, experiment: config?.experiment, perItem: config?.perItem ?? false)
    }

    /// The `experiment.mlflow` section of a stored config snapshot, when it has one.
    public static func config(inSnapshot snapshot: String) -> MLflowConfig? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(snapshot.utf8)),
            let section = value["experiment"]?["mlflow"], let data = try? JSONEncoder().encode(section)
        else { return nil }
        return try? JSONDecoder().decode(MLflowConfig.self, from: data)
    }
}
