import Foundation

extension ConfigValidator {
    mutating func check(_ dataset: DatasetConfig, at path: String) {
        if dataset.path.hasPrefix("builtin:") {
            let name = String(dataset.path.dropFirst("builtin:".count))
            checkWord(name, in: ConfigVocabulary.builtinDatasets, at: "\(path).path", what: "built-in dataset")
        } else {
            let url = URL(fileURLWithPath: dataset.path, relativeTo: directory)
            if !FileManager.default.fileExists(atPath: url.path) {
                error("\(path).path", "no file at \(url.standardizedFileURL.path)")
            }
        }
        checkWord(dataset.format, in: ConfigVocabulary.datasetFormats, at: "\(path).format", what: "dataset format")
        checkPositive(dataset.limit, at: "\(path).limit")
        checkPositive(dataset.sample?.n, at: "\(path).sample.n")
    }

    mutating func check(_ experiment: ExperimentConfig, at path: String) {
        for (index, name) in (experiment.systems ?? []).enumerated() {
            checkReference(name, among: answererNames, at: "\(path).systems[\(index)]", what: "system or model")
        }
        if let baseline = experiment.baseline {
            checkReference(baseline, among: answererNames, at: "\(path).baseline", what: "system or model")
            if let systems = experiment.systems, answererNames.contains(baseline), !systems.contains(baseline) {
                error("\(path).baseline", "'\(baseline)' is not in experiment.systems")
            }
        }
        if let scoring = experiment.scoring {
            if (scoring.verifier == nil) == (scoring.judge == nil) {
                error("\(path).scoring", "scoring needs exactly one of verifier: KIND or judge: NAME")
            }
            checkWord(scoring.verifier, in: ConfigVocabulary.verifierKinds, at: "\(path).scoring.verifier", what: "verifier")
            checkReference(scoring.judge, among: judgeNames, at: "\(path).scoring.judge", what: "judge")
        }
        checkPositive(experiment.concurrency, at: "\(path).concurrency")
        if let budget = experiment.budgetUSD, budget < .zero { error("\(path).budget_usd", "must not be negative") }
        for (model, quota) in experiment.quotas ?? [:] {
            checkReference(model, among: modelNames, at: "\(path).quotas.\(model)", what: "model")
            checkPositive(quota, at: "\(path).quotas.\(model)", allowZero: true)
        }
        if let mlflow = experiment.mlflow, URL(string: mlflow.trackingURI)?.scheme == nil {
            error("\(path).mlflow.tracking_uri", "'\(mlflow.trackingURI)' is not a URL")
        }
    }
}
