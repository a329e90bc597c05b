import QuorumCore

extension RubricConfig {
    /// `tip-v1` of issue 17: relevance, actionability and tone on 1–5 with anchors, the flags
    /// `format_ok` and `overlong`, and the composite `relevance + actionability + tone +
    /// 2*format_ok - overlong` (2 to 17).
    public static var tipExample: RubricConfig {
        var rubric = RubricConfig(id: "tip-v1", criteria: [
            RubricScaleCriterion(
                name: "relevance", description: "Does the tip fit the user's situation?",
                anchors: ["1": "ignores the situation", "3": "fits part of it", "5": "fits it exactly"]),
            RubricScaleCriterion(
                name: "actionability", description: "Can the user act on it today?", scale: [1, 5],
                anchors: ["1": "nothing to do", "5": "one clear next step"]),
            RubricScaleCriterion(name: "tone", description: "Friendly and direct.", anchors: ["1": "preachy", "5": "warm"]),
        ])
        rubric.version = "1"
        rubric.flags = [RubricFlag(name: "format_ok", description: "One or two sentences."), RubricFlag(name: "overlong")]
        rubric.composite = "relevance + actionability + tone + 2*format_ok - overlong"
        return rubric
    }
}
