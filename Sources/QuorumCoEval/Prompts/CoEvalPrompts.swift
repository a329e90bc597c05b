import Foundation
import QuorumCore

/// The default prompt of each phase, and how `{placeholders}` are filled. A task's `prompts:`
/// replaces any of them (same placeholders).
///
/// Every JSON-answering phase also sends `response_format: json_object` with a schema: local
/// llama.cpp servers then constrain decoding to it, which makes even 135M models parseable.
public enum CoEvalPrompts {
    public static let defaults: [CoEvalPhase: String] = [
        .attributeMapping: """
            You are designing a test set for this task.
            Task: {task_description}
            A good answer: {output_description}

            Propose the attributes test items should vary along. Target attributes stratify the \
            test set (for example difficulty); nuanced attributes add variety (for example topic or tone). \
            Give 2 to 4 of each, each with 2 to 4 short values.
            Answer with one JSON object only: \
            {"target_attributes": {"difficulty": ["easy", "hard"]}, "nuanced_attributes": {"tone": ["formal", "casual"]}}
            """,
        .rubricMapping: """
            You are writing the rubric judges will use for this task.
            Task: {task_description}
            A good answer: {output_description}

            Propose 3 to 5 criteria to judge answers by, each with a one-sentence description.
            Answer with one JSON object only, each criterion's name to its description, for example \
            {"accuracy": "The answer is correct.", "completeness": "The answer covers every part of the task."}
            """,
        .dataGeneration: """
            Write one test item for this task.
            Task: {task_description}
            A good answer: {output_description}
            The item must have these properties: {target_attributes}
            Also give it these characteristics: {nuanced_attributes}

            Answer with one JSON object only: \
            {"prompt": "...", "reference_response": "..."} where prompt is the question or instruction a model \
            will receive and reference_response is an excellent answer to it
            """,
        .responseCollection: """
            {task_description}
            {output_description}

            {input}
            """,
        .evaluation: """
            Grade a response to a test item.
            Task: {task_description}
            Item: {input}
            Reference answer: {reference_response}
            Response to grade: {response}

            Grade the response on each criterion as High, Medium or Low:
            {rubric}

            Answer with one JSON object only, criterion to grade, for example {example}
            """,
    ]

    /// The template for `phase` of `task`: its override, else the default.
    static func template(_ phase: CoEvalPhase, for task: CoEvalTaskConfig) -> String {
        task.prompts?[phase.key] ?? defaults[phase] ?? ""
    }

    /// `template` with each `{name}` replaced; unknown placeholders stay as written.
    static func render(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The placeholders every phase shares.
    static func taskValues(_ task: CoEvalTaskConfig) -> [String: String] {
        ["task_description": task.description, "output_description": task.outputDescription ?? ""]
    }

    /// `{"a": "x", "b": "y"}` for a prompt, in the given order.
    static func jsonText(_ pairs: [(String, String)]) -> String {
        let body = pairs.map { "\(JSONWriter.quoted($0.0)): \(JSONWriter.quoted($0.1))" }.joined(separator: ", ")
        return "{\(body)}"
    }
}
