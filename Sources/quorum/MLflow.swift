import ArgumentParser

/// `quorum mlflow …`: work with an MLflow tracking server.
struct MLflow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlflow",
        abstract: "Log stored runs to an MLflow tracking server.",
        discussion: """
            The server comes from --mlflow URI, else MLFLOW_TRACKING_URI, else the run's experiment.mlflow \
            tracking_uri. MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD (basic) or MLFLOW_TRACKING_TOKEN \
            (bearer) authenticate, as with MLflow's own clients.
            """,
        subcommands: [MLflowSync.self])
}
