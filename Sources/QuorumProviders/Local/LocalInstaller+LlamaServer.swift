import Foundation
import QuorumCore

extension LocalInstaller {
    /// The pinned sdist whose `vendor/llama.cpp` is built.
    static let sourceRequirement = "llama-cpp-python==\(LocalRuntimeConfiguration.serverVersion)"
    static var sourceArchiveName: String { "llama_cpp_python-\(LocalRuntimeConfiguration.serverVersion).tar.gz" }

    /// Builds llama.cpp's C++ server from the sources the pinned `llama-cpp-python` sdist vendors:
    /// fetch the sdist with pip, unpack `vendor/llama.cpp`, configure with cmake, build the
    /// `llama-server` target, and move the binary to `bin/`. Each stage is skipped when its result is
    /// there, so an interrupted install resumes (ninja continues from the object files it has).
    func buildLlamaServer(started: ContinuousClock.Instant) async throws {
        let sources = try await unpackSources(started: started)
        let build = configuration.buildDirectory.appendingPathComponent("build", isDirectory: true)
        let tools = try await buildTools(started: started)
        try await check(
            [tools.cmake, "-S", sources.path, "-B", build.path] + tools.generator + Self.cmakeOptions
                + userCMakeArguments,
            step: "configuring llama.cpp", failure: "cmake could not configure llama.cpp",
            report: StepReport(step: "runtime", activity: "configuring llama.cpp", started: started))
        logger.info("building llama-server (several minutes on 2 cores)", metadata: ["log": "\(log.path)"])
        try await check(
            [tools.cmake, "--build", build.path, "--target", "llama-server", "--parallel",
             String(ProcessInfo.processInfo.activeProcessorCount)],
            step: "compiling llama.cpp", failure: "the llama.cpp build failed (a C++17 compiler is needed:"
                + " on Debian, apt-get install g++)",
            report: buildReport(activity: "compiling llama.cpp", started: started))
        try installBinary(from: build.appendingPathComponent("bin/llama-server"))
        try? FileManager.default.removeItem(at: configuration.buildDirectory)
    }

    /// The options of the build: a static CPU build for this machine, the server alone, no web UI
    /// (its assets would be downloaded), no TLS (the server listens on 127.0.0.1).
    static let cmakeOptions = [
        "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_SHARED_LIBS=OFF", "-DGGML_NATIVE=ON",
        "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_TOOLS=ON", "-DLLAMA_BUILD_SERVER=ON",
        "-DLLAMA_BUILD_UI=OFF", "-DLLAMA_USE_PREBUILT_UI=OFF", "-DLLAMA_OPENSSL=OFF",
    ]

    /// `CMAKE_ARGS` from the environment, as pip's llama.cpp build honours it (`-DGGML_BLAS=ON`, …).
    var userCMakeArguments: [String] {
        (runner.environment["CMAKE_ARGS"] ?? "").split(separator: " ").map(String.init)
    }

    /// Fetches the pinned sdist into `downloads/` and unpacks its `vendor/llama.cpp`; returns the
    /// source folder. Skips what is already there.
    private func unpackSources(started: ContinuousClock.Instant) async throws -> URL {
        let sources = configuration.buildDirectory.appendingPathComponent("src", isDirectory: true)
        let marker = sources.appendingPathComponent(".quorum-unpacked")
        if FileManager.default.fileExists(atPath: marker.path) { return sources }
        let downloads = configuration.downloadsDirectory
        let archive = downloads.appendingPathComponent(Self.sourceArchiveName)
        if !FileManager.default.fileExists(atPath: archive.path) {
            let temporary = downloads.appendingPathComponent(".tmp-source", isDirectory: true)
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: temporary) }
            let fetched: @Sendable () -> Int64 = { DownloadMeter.bytes(in: temporary) }
            try await check(
                [configuration.venvPython.path, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
                 "--no-binary", "llama-cpp-python", "--progress-bar", "off", "--dest", temporary.path,
                 Self.sourceRequirement],
                step: "downloading llama.cpp's sources", failure: "pip could not download \(Self.sourceRequirement)",
                extraEnvironment: ["TMPDIR": temporary.path], watching: fetched,
                report: StepReport(step: "runtime", activity: "downloading llama.cpp's sources", started: started) { _ in
                    (fetched(), nil, .bytes)
                })
            try FileManager.default.moveItem(at: temporary.appendingPathComponent(Self.sourceArchiveName), to: archive)
        }
        try? FileManager.default.removeItem(at: sources)
        // Only vendor/llama.cpp is unpacked, with the archive's own top folder and prefix stripped.
        let script = """
            import os, sys, tarfile
            archive, target = sys.argv[1], sys.argv[2]
            prefix = "vendor/llama.cpp/"
            with tarfile.open(archive) as tar:
                members = []
                for member in tar.getmembers():
                    inner = member.name.split("/", 1)[1] if "/" in member.name else ""
                    if inner.startswith(prefix) and ".." not in inner.split("/"):
                        member.name = inner[len(prefix):]
                        members.append(member)
                try:
                    tar.extractall(target, members=members, filter="data")
                except TypeError:  # Python before 3.11.4 has no filter
                    tar.extractall(target, members=members)
            open(os.path.join(target, ".quorum-unpacked"), "w").close()
            """
        try await check(
            [configuration.venvPython.path, "-c", script, archive.path, sources.path],
            step: "unpacking llama.cpp's sources", failure: "could not unpack \(archive.path)",
            report: StepReport(step: "runtime", activity: "unpacking llama.cpp's sources", started: started))
        try? FileManager.default.removeItem(at: archive)
        return sources
    }

    /// cmake and a generator: the system's (Debian's `cmake`, `ninja-build`) when on `PATH`, else
    /// PyPI's `cmake` and `ninja` in the virtual environment.
    private func buildTools(started: ContinuousClock.Instant) async throws -> (cmake: String, generator: [String]) {
        let probe = ChildCommand(["cmake"], environment: runner.environment)
        var cmake = probe.resolvedProgram()
        var ninja = ChildCommand(["ninja"], environment: runner.environment).resolvedProgram()
        let venvBin = configuration.venvDirectory.appendingPathComponent("bin")
        if cmake == nil {
            let installed = venvBin.appendingPathComponent("cmake").path
            if !FileManager.default.isExecutableFile(atPath: installed) {
                try await check(
                    [configuration.venvPython.path, "-m", "pip", "install", "--disable-pip-version-check",
                     "--progress-bar", "off", "cmake", "ninja"],
                    step: "installing cmake", failure: "pip could not install cmake and ninja (or apt-get install cmake)",
                    report: StepReport(step: "runtime", activity: "installing cmake from PyPI", started: started))
            }
            cmake = installed
            let venvNinja = venvBin.appendingPathComponent("ninja").path
            if FileManager.default.isExecutableFile(atPath: venvNinja) { ninja = venvNinja }
        }
        let generator = ninja.map { ["-G", "Ninja", "-DCMAKE_MAKE_PROGRAM=\($0)"] } ?? []
        return (cmake ?? "cmake", generator)
    }

    /// Moves the built server into `bin/` and stamps it with the pinned version.
    private func installBinary(from built: URL) throws {
        let binary = configuration.llamaServerBinary
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: binary)
        try FileManager.default.moveItem(at: built, to: binary)
        try Data("\(LocalRuntimeConfiguration.serverVersion)\n".utf8).write(to: configuration.llamaServerStamp)
    }
}
