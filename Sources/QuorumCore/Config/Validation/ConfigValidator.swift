import Foundation

/// Checks what decoding cannot: names that must exist, values that must be in range, fields that
/// a type needs. Every problem is collected with its location; nothing stops at the first.
struct ConfigValidator {
    let config: QuorumConfig
    let file: String
    let locations: ConfigLocations
    let directory: URL?
    private(set) var issues: [ConfigIssue] = []

    init(config: QuorumConfig, file: String, locations: ConfigLocations, directory: URL?) {
        self.config = config
        self.file = file
        self.locations = locations
        self.directory = directory
    }

    var modelNames: [String] { config.models.map(\.name) }
    var systemNames: [String] { config.systems.map(\.name) }
    var judgeNames: [String] { config.judges.map(\.name) }
    /// Anything that answers: a model or a system (systems nest).
    var answererNames: [String] { modelNames + systemNames }

    mutating func validate() -> [ConfigIssue] {
        checkUniqueNames()
        for (index, model) in config.models.enumerated() { check(model, at: "models[\(index)]") }
        checkFallbackCycles()
        for (index, judge) in config.judges.enumerated() { check(judge, at: "judges[\(index)]") }
        checkJudgeModels()
        for (index, system) in config.systems.enumerated() { check(system, at: "systems[\(index)]") }
        checkSystemCycles()
        if let dataset = config.dataset { check(dataset, at: "dataset") }
        if let experiment = config.experiment { check(experiment, at: "experiment") }
        checkCoEval()
        checkRubrics()
        checkGrid()
        return issues
    }

    mutating func error(_ path: String, _ message: String) {
        issues.append(ConfigIssue(file: file, line: locations.line(of: path), path: path, message: message))
    }

    mutating func warning(_ path: String, _ message: String) {
        issues.append(ConfigIssue(.warning, file: file, line: locations.line(of: path), path: path, message: message))
    }

    /// Reports `value` when it is not one of `allowed`, with a did-you-mean.
    mutating func checkWord(_ value: String?, in allowed: [String], at path: String, what: String) {
        guard let value, !allowed.contains(value) else { return }
        error(path, "unknown \(what) '\(value)'" + DidYouMean.hint(for: value, among: allowed)
            + "; expected one of: \(allowed.joined(separator: ", "))")
    }

    /// Reports a reference to something that is not defined.
    mutating func checkReference(_ name: String?, among names: [String], at path: String, what: String) {
        guard let name, !names.contains(name) else { return }
        error(path, "no \(what) named '\(name)'" + DidYouMean.hint(for: name, among: names))
    }

    mutating func checkRange<T: Comparable>(_ value: T?, _ range: ClosedRange<T>, at path: String) {
        guard let value, !range.contains(value) else { return }
        error(path, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
    }

    mutating func checkPositive(_ value: Int?, at path: String, allowZero: Bool = false) {
        guard let value else { return }
        if value < 0 || (!allowZero && value == 0) {
            error(path, allowZero ? "must not be negative, found \(value)" : "must be at least 1, found \(value)")
        }
    }

    private mutating func checkUniqueNames() {
        var seen: [String: String] = [:]
        let named = config.models.enumerated().map { ("models[\($0.offset)]", $0.element.name) }
            + config.systems.enumerated().map { ("systems[\($0.offset)]", $0.element.name) }
        for (path, name) in named {
            if let first = seen[name] {
                error("\(path).name", "'\(name)' is already defined at \(first) (models and systems share one namespace)")
            } else {
                seen[name] = path
            }
        }
        var judges: Set<String> = []
        for (index, judge) in config.judges.enumerated() where !judges.insert(judge.name).inserted {
            error("judges[\(index)].name", "judge '\(judge.name)' is defined twice")
        }
    }

    private mutating func check(_ model: ModelConfig, at path: String) {
        checkWord(model.provider, in: ConfigVocabulary.providers, at: "\(path).provider", what: "provider")
        if model.provider == "local" {
            checkWord(model.model, in: ConfigVocabulary.localModels, at: "\(path).model", what: "local model")
        }
        if model.provider == "azure", model.baseURL == nil {
            error("\(path).base_url", "azure needs base_url (https://RESOURCE.openai.azure.com)")
        }
        if let baseURL = model.baseURL, URL(string: baseURL)?.scheme == nil {
            error("\(path).base_url", "'\(baseURL)' is not a URL (expected http://… or https://…)")
        }
        if let price = model.price {
            for (key, value) in [("input", price.input), ("output", price.output), ("cached_input", price.cachedInput)] {
                if let value, value < .zero { error("\(path).price.\(key)", "must not be negative, found \(value.exactString)") }
            }
        }
        checkPositive(model.maxConcurrency, at: "\(path).max_concurrency")
        checkPositive(model.rpm, at: "\(path).rpm")
        checkPositive(model.tpm, at: "\(path).tpm")
        checkPositive(model.retries, at: "\(path).retries", allowZero: true)
        if let timeout = model.timeout, timeout.seconds <= 0 { error("\(path).timeout", "must be longer than 0s") }
        check(model.parameters, at: "\(path).parameters")
        check(model.cache, at: "\(path).cache")
        checkRouting(model, at: path)
    }

    mutating func check(_ parameters: GenerationParameters?, at path: String) {
        guard let parameters else { return }
        checkRange(parameters.temperature, 0...2, at: "\(path).temperature")
        checkRange(parameters.topP, 0...1, at: "\(path).top_p")
        checkPositive(parameters.maxTokens, at: "\(path).max_tokens")
        checkPositive(parameters.n, at: "\(path).n")
    }

    private mutating func check(_ judge: JudgeConfig, at path: String) {
        checkWord(judge.type, in: ConfigVocabulary.judgeTypes, at: "\(path).type", what: "judge type")
        let needsModel = ["score", "pairwise", "rubric"].contains(judge.type)
        if needsModel, judge.model == nil { error("\(path).model", "a \(judge.type) judge needs a model") }
        checkReference(judge.model, among: answererNames, at: "\(path).model", what: "model or system")
        if let scale = judge.scale, scale != 1, scale != 10 { error("\(path).scale", "must be 1 or 10, found \(scale)") }
        let upper = Double(judge.scale ?? 1)
        checkRange(judge.threshold, (upper == 10 ? 1 : 0)...upper, at: "\(path).threshold")
        if judge.type == "rubric" {
            if judge.rubric == nil, judge.criteria?.isEmpty ?? true {
                error("\(path).criteria", "a rubric judge needs criteria or a rubric (rubric: ID of rubrics:)")
            }
            checkWord(judge.mode, in: ["single", "per_factor"], at: "\(path).mode", what: "rubric mode")
            for (index, criterion) in (judge.criteria ?? []).enumerated() where (criterion.weight ?? 1) < 0 {
                error("\(path).criteria[\(index)].weight", "must not be negative")
            }
        }
        if judge.type == "verifier" {
            if judge.verifier == nil { error("\(path).verifier", "a verifier judge needs verifier: KIND") }
            checkVerifier(judge.verifier, pattern: judge.pattern, schema: judge.schema, at: path)
        }
        check(judge.parameters, at: "\(path).parameters")
    }

    mutating func checkVerifier(_ kind: String?, pattern: String?, schema: JSONValue?, at path: String) {
        checkWord(kind, in: ConfigVocabulary.verifierKinds, at: "\(path).verifier", what: "verifier")
        if kind == "regex" {
            if let pattern {
                if (try? NSRegularExpression(pattern: pattern)) == nil { error("\(path).pattern", "not a valid regular expression") }
            } else {
                error("\(path).pattern", "the regex verifier needs pattern:")
            }
        }
        if kind == "json-schema", schema == nil { error("\(path).schema", "the json-schema verifier needs schema:") }
    }
}
