/// What a sync did: where the run is in MLflow and how many MLflow runs it touched.
public struct MLflowSyncReport: Sendable, Hashable, Codable {
    public var trackingURI: String
    public var experimentID: String
    public var experimentName: String
    /// The MLflow run of the Quorum run.
    public var parentRunID: String
    /// The MLflow run of each system.
    public var systemRunIDs: [String: String]
    /// MLflow runs created, logged again because the Quorum run changed, and left as they were.
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    /// Item traces sent to the trace endpoint, and those stored as `trace.json` artifacts instead
    /// because the server has no trace endpoint.
    public var traces: Int
    public var tracesAsArtifacts: Int

    /// The parent run in MLflow's web UI.
    public var url: String { "\(trackingURI)/#/experiments/\(experimentID)/runs/\(parentRunID)" }
}
