/// The prompts Quorum uses when a configuration does not override them.
///
/// Written for Quorum, informed by the seeds' designs (the cascade's refine step, the debate's
/// personas and panel judge, Together's aggregate-and-synthesize prompt, Arena-Hard's pairwise
/// labels). Every one can be replaced in YAML: `prompts: {NAME: "…"}` on a system, `prompt:` on a
/// judge. `quorum prompts` prints them with their placeholders.
public enum DefaultPrompts {
    /// Every default prompt by name, in the order `quorum prompts` prints them.
    public static let all: [(name: String, text: String)] = [
        ("refine", refine),
        ("persona.strict", personaStrict),
        ("persona.very_strict", personaVeryStrict),
        ("persona.medium_strict", personaMediumStrict),
        ("critique", critique),
        ("debate.judge", debateJudge),
        ("debate.escalate", debateEscalate),
        ("aggregate", aggregate),
        ("judge.score", scoreJudge),
        ("judge.score.retry", scoreRetry),
        ("judge.pairwise", pairwiseJudge),
        ("judge.rubric", rubricJudge),
        ("judge.rubric.factor", rubricFactorJudge),
        ("judge.rubric.sheet", rubricSheetJudge),
        ("judge.retry", jsonRetry),
    ]

    /// The default text for `name`, if there is one.
    public static func text(named name: String) -> String? {
        all.first { $0.name == name }?.text
    }

    public static let refine = """
        A previous attempt at the question below was judged not good enough. Write a better, \
        complete answer. Keep what was right, fix what the reviewer points out, and do not mention \
        the previous attempt or the review.

        Question:
        {question}

        Previous answer:
        {previous_answer}

        Reviewer's feedback:
        {feedback}
        """

    public static let personaStrict = """
        You are a careful expert. Answer precisely and correctly; check every claim and every step \
        before you state it, and say nothing you cannot justify.
        """

    public static let personaVeryStrict = """
        You are an exacting expert reviewer. Accept nothing on faith: verify each fact, each \
        calculation and each assumption, prefer a short correct answer to a long uncertain one, and \
        point out any error you notice, including your own.
        """

    public static let personaMediumStrict = """
        You are a knowledgeable, practical assistant. Give a correct, useful answer with the \
        reasoning a reader needs, without unnecessary detail.
        """

    public static let critique = """
        Other experts answered the same question. Read their answers critically, compare them with \
        yours, and then write your final, revised answer. Keep what is right in yours, adopt what \
        is better in theirs, and correct any mistake. Reply with the revised answer only.

        Question:
        {question}

        Your previous answer:
        {own_answer}

        The other experts' answers:
        {peer_answers}
        """

    public static let debateJudge = """
        You are the judge of a panel of {count} experts who answered the same question. Score each \
        answer for correctness, completeness and clarity on a scale from {scale_min} to {scale_max} \
        ({scale_max} = fully correct and complete), explain each score in one or two sentences, and \
        name the best answer.

        Question:
        {question}

        Answers:
        {answers}

        Reply with only a JSON object of this form (worker numbers from 1 to {count}, one entry per \
        worker):
        {"workers": [{"worker": 1, "score": <number>, "reason": "<why>"}], "best_worker": <number>, \
        "best_score": <number>}
        """

    public static let debateEscalate = """
        A panel of experts answered the question below, and the judge found no answer good enough. \
        Their answers, scores and the judge's reasons follow. Write a better, complete answer that \
        avoids the problems the judge found. Reply with the answer only.

        Question:
        {question}

        Previous answers, with the judge's scores and reasons:
        {previous_answers}
        """

    public static let aggregate = """
        You have been given several responses to the user's latest message, written by other \
        models. Synthesize them into one response of the highest quality. Evaluate them critically: \
        some may be wrong, biased or incomplete, so do not copy them; write a single accurate, \
        well-structured and complete reply to the user's message.

        Responses:
        {references}
        """

    public static let scoreJudge = """
        You are an impartial judge. Evaluate whether the candidate answer correctly and completely \
        answers the question.{reference_section}

        Question:
        {question}

        Candidate answer:
        {answer}

        Think about correctness first, then completeness and clarity. Reply with only a JSON object:
        {"reasoning": "<short justification>", "verdict": "Valid" or "Invalid", \
        "score": <number from {scale_min} to {scale_max}>, "feedback": "<what to fix, or empty>"}
        """

    public static let scoreRetry = """
        Your reply could not be read. Reply again with only the JSON object, no other text: \
        {"reasoning": "<text>", "verdict": "Valid" or "Invalid", "score": <number from {scale_min} \
        to {scale_max}>, "feedback": "<text>"}
        """

    public static let pairwiseJudge = """
        Please act as an impartial judge and compare the two answers given by AI assistants to the \
        user question below. Judge correctness first, then helpfulness, relevance, conciseness and \
        completeness. Do not let the order of the answers, their length or the assistants' names \
        influence you.{reference_section}

        Question:
        {question}

        [The Start of Assistant A's Answer]
        {answer_a}
        [The End of Assistant A's Answer]

        [The Start of Assistant B's Answer]
        {answer_b}
        [The End of Assistant B's Answer]

        Explain your comparison briefly, then end with exactly one verdict label: \
        [[A>>B]] if A is significantly better, [[A>B]] if A is slightly better, [[A=B]] for a tie, \
        [[B>A]] if B is slightly better, [[B>>A]] if B is significantly better.
        """

    public static let rubricJudge = """
        You are an impartial judge. Score the candidate answer to the question on each criterion \
        below, from {scale_min} to {scale_max}.

        Criteria:
        {criteria}

        Question:
        {question}

        Candidate answer:
        {answer}

        Reply with only a JSON object: {"scores": {"<criterion name>": <number>, …}, \
        "reasoning": "<short justification>"}
        """

    public static let rubricFactorJudge = """
        You are an impartial judge. Score the candidate answer to the question on one criterion, \
        from {scale_min} to {scale_max}.

        Criterion: {criterion}
        {description}

        Question:
        {question}

        Candidate answer:
        {answer}

        Reply with only a JSON object: {"score": <number>, "reasoning": "<short justification>"}
        """

    /// A judge scoring with a rubric of `rubrics:`: `{rubric}` lists each criterion with its scale
    /// and anchors, then each yes/no check.
    public static let rubricSheetJudge = """
        You are an impartial judge. Score the candidate answer to the question with the rubric \
        below: give each criterion a whole number within its scale (the examples show what a score \
        means), and answer each check with true or false.

        {rubric}

        Question:
        {question}

        Candidate answer:
        {answer}

        Reply with only a JSON object: {"scores": {"<criterion>": <whole number>, …}, \
        "flags": {"<check>": true or false, …}, "reasoning": "<short justification>"}
        """

    public static let jsonRetry = """
        Your reply could not be read as the JSON object that was asked for. Reply again with only \
        that JSON object, no other text.
        """
}
