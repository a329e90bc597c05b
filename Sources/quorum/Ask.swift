import ArgumentParser
import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumProviders

/// `quorum ask`: one question to one model, the smallest end-to-end path.
struct Ask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask one model one question; print the answer, then tokens, cost, latency and time to first token.",
        discussion: """
            --model is a model named in --config, or a local catalog model (smollm2-135m, qwen2.5-coder-0.5b, \
            qwen2.5-coder-1.5b). A local model's server is started if it is not running, and left running. \
            --system NAME asks a system of --config instead (cascade, debate, moa, …); --trace prints what it did.
            """)

    @Argument(help: "The question.")
    var prompt: String

    @Option(name: .shortAndLong, help: "A model from --config's models:, or a local catalog name.")
    var model: String?

    @Option(name: .shortAndLong, help: "A Quorum YAML configuration that defines the model.")
    var config: String?

    @Option(help: "A system of --config (cascade, debate, moa, …) to answer instead of one model.")
    var system: String?

    @Option(help: "A system message sent before the question.")
    var systemPrompt: String?

    @Flag(help: "Print the trace tree: every call, verdict, escalation and cost.")
    var trace = false

    @Option(help: "The most tokens to generate (default: the model's parameters, else the server's).")
    var maxTokens: Int?

    @Option(help: "Sampling temperature (default: the model's parameters, else the server's).")
    var temperature: Double?

    @Option(help: ArgumentHelp(
        "Ask for each answer token's log-probability with N alternatives (0: the chosen tokens only); shown with --json, summarised otherwise.",
        valueName: "N"))
    var logprobs: Int?

    @Flag(help: "Print the answer as it is generated.")
    var stream = false

    @Flag(help: "Print one JSON object (answer, usage, cost, timings) instead of text.")
    var json = false

    func validate() throws {
        if (model == nil) == (system == nil) { throw ValidationError("Give exactly one of --model and --system.") }
        if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
        if let temperature, temperature < 0 { throw ValidationError("--temperature cannot be negative.") }
        if let logprobs, !(0...20).contains(logprobs) { throw ValidationError("--logprobs takes 0 to 20 alternatives.") }
    }

    func run() async throws {
        let request = ChatRequest(
            prompt: prompt, system: systemPrompt,
            parameters: GenerationParameters(temperature: temperature, maxTokens: maxTokens, logprobs: logprobs))
        if let system {
            try await ask(system: system, request)
            return
        }
        let target = try AskTarget(model: model ?? "", configPath: config)
        if !json { await target.noteServerStart() }
        let chatModel = try await target.chatModel(logger: LocalSetup.logger())
        let entry = target.entry
        let result = stream ? try await streamed(request, from: chatModel, entry: entry)
            : AskResult(config: entry, completion: try await chatModel.complete(request), streamed: false, measuredFirstToken: nil)
        if json {
            try printJSON(result)
        } else {
            if !stream { print(result.answer) }
            print(dim(result.summary))
        }
    }

    /// Answers with a configured system and prints the answer, its cost split and, with --trace, the tree.
    private func ask(system name: String, _ request: ChatRequest) async throws {
        let asker: AskSystem
        do {
            asker = try AskSystem(name: name, configPath: config)
        } catch let error as ValidationErrorMessage {
            printError(error.description)
            throw ExitCode(64)
        }
        let answer = try await asker.answer(request, logger: LocalSetup.logger())
        if json {
            try printJSON(AskSystemResult(system: name, answer: answer))
            return
        }
        print(answer.text)
        if trace { print(dim(TracePrinter().render(answer))) }
        let usage = answer.trace.usage
        print(dim(
            "\(name) · level \(answer.level)\(answer.resolved ? "" : " (unresolved)") · tokens \(usage.promptTokens) in / "
                + "\(usage.completionTokens) out · \(answer.totalCost.formatted) (answer \(answer.answerCost.formatted), "
                + "judge \(answer.judgeCost.formatted)) · latency \(String(format: "%.2fs", answer.latency))"))
    }

    /// Streams the answer to standard output (unless `--json`) and returns the assembled result.
    private func streamed(_ request: ChatRequest, from chatModel: any ChatModel, entry: ModelConfig) async throws -> AskResult {
        let start = ContinuousClock.now
        var firstToken: Double?
        for try await delta in chatModel.stream(request) {
            if !delta.text.isEmpty {
                if firstToken == nil { firstToken = (ContinuousClock.now - start).seconds }
                if !json {
                    print(delta.text, terminator: "")
                    fflush(nil)  // each token as it arrives
                }
            }
            if let completion = delta.completion {
                if !json { print() }
                return AskResult(config: entry, completion: completion, streamed: true, measuredFirstToken: firstToken)
            }
        }
        throw QuorumError(.streamInterrupted, "the stream ended without a final answer", context: ["model": entry.name])
    }
}
