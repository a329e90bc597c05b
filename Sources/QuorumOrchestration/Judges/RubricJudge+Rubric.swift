import QuorumCore

extension RubricJudge {
    /// One call shows the rubric (each criterion with its scale and anchors, each flag); the reply's
    /// scores and flags become the composite, whose normalized value is the verdict's score.
    func verdict(on answer: String, to question: Question, with rubric: Rubric, in context: RunContext) async throws -> Verdict {
        let values = [
            "question": Self.questionWithInstructions(question), "answer": answer, "reference": question.reference ?? "",
            "rubric": Self.promptText(for: rubric), "rubric_name": rubric.label,
        ]
        let text = PromptTemplate.fill(prompt ?? prompts.template("judge.rubric.sheet"), values)
        let call = JudgeCall<RubricReply>(
            model: model, parameters: parameters, responseFormat: .jsonObject(schema: nil),
            retryPrompt: prompts.template("judge.retry"))
        let (parsed, calls) = try await call.run([.user(text)], key: "rubric.\(name)", in: context) {
            try RubricReply(parsing: $0, for: rubric)
        }
        switch parsed {
        case .success(let reply): return Verdict(record: record(of: reply, with: rubric), calls: calls)
        case .failure(let error):
            return Verdict(record: VerdictRecord(judge: name, score: nil, passed: false, parseError: error.message), calls: calls)
        }
    }

    /// The request as the answerer saw it: a rubric often scores following the instructions (a
    /// grid prompt's required format or length), which live in the system message, so they are shown too.
    static func questionWithInstructions(_ question: Question) -> String {
        let instructions = question.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n")
        guard !instructions.isEmpty, question.rootPrompt == nil else { return question.originalPrompt }
        return "(The answerer was instructed: \(instructions))\n\n\(question.originalPrompt)"
    }

    private func record(of reply: RubricReply, with rubric: Rubric) -> VerdictRecord {
        let composite = rubric.composite(scores: reply.scores, flags: reply.flags)
        let normalized = rubric.normalized(composite)
        let passed = normalized >= threshold
        let scores = rubric.criteria.map { "\($0.name) \(AnswerExtractor.canonical(reply.scores[$0.name] ?? 0))" }
        let flags = rubric.flags.map { "\($0.name) \(reply.flags[$0.name] == true ? "yes" : "no")" }
        let range = rubric.compositeRange
        let breakdown = ([scores.joined(separator: ", ")] + (flags.isEmpty ? [] : [flags.joined(separator: ", ")]))
            .joined(separator: "; ")
            + "; composite \(AnswerExtractor.canonical(composite)) of "
            + "\(AnswerExtractor.canonical(range.lowerBound))…\(AnswerExtractor.canonical(range.upperBound))"
        var record = VerdictRecord(
            judge: name, score: normalized, passed: passed,
            reasoning: reply.reasoning.map { "\(breakdown). \($0)" } ?? breakdown,
            feedback: passed ? nil : "Rubric scores: \(breakdown).")
        record.criteria = reply.scores
        record.flags = reply.flags
        record.composite = composite
        record.rubric = rubric.label
        return record
    }

    /// The rubric as the judge reads it: criteria with their scales and anchor examples, then checks.
    static func promptText(for rubric: Rubric) -> String {
        var lines = ["Rubric \(rubric.label)" + (rubric.config.description.map { ": \($0)" } ?? ""), "", "Criteria:"]
        for criterion in rubric.criteria {
            let about = criterion.description.isEmpty ? "" : ": \(criterion.description)"
            lines.append("- \(criterion.name) (\(criterion.scale.lowerBound)–\(criterion.scale.upperBound))\(about)")
            for score in criterion.anchors.keys.sorted() { lines.append("    \(score): \(criterion.anchors[score]!)") }
        }
        if !rubric.flags.isEmpty {
            lines += ["", "Checks (true or false):"]
            for flag in rubric.flags { lines.append("- \(flag.name)" + (flag.description.isEmpty ? "" : ": \(flag.description)")) }
        }
        return lines.joined(separator: "\n")
    }
}
