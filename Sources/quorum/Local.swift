import ArgumentParser

/// `quorum local …`: the embedded runtime that serves small models on 127.0.0.1 with no API key.
struct Local: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Install, start and stop the local models (one llama.cpp server per model on 127.0.0.1).",
        discussion: """
            Everything lives under $QUORUM_HOME (default ~/.quorum). Model servers listen on \
            127.0.0.1:18081, 18082, 18083 unless QUORUM_LOCAL_PORT_BASE says otherwise, and keep running \
            between commands until `quorum local stop`.
            """,
        subcommands: [LocalInstall.self, LocalStart.self, LocalStop.self, LocalStatus.self, LocalModels.self]
    )
}
