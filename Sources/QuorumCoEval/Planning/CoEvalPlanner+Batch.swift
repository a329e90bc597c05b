import QuorumCore
import QuorumProviders

extension CoEvalPlanner {
    /// The tokens of each model's batched calls, which cost half: a plan prices them apart.
    struct BatchedTokens {
        private var prompt: [String: Double] = [:]
        private var completion: [String: Double] = [:]

        mutating func add(_ model: String, prompt tokens: Double, completion output: Double) {
            prompt[model, default: 0] += tokens
            completion[model, default: 0] += output
        }

        /// `line`'s cost: its live tokens at `price`, its batched ones at the batch price.
        func cost(of line: CoEvalPlan.ModelLine, at price: Price) -> USD {
            let batchPrompt = prompt[line.model] ?? 0, batchCompletion = completion[line.model] ?? 0
            let live = Usage(
                promptTokens: Int((line.promptTokens - batchPrompt).rounded()),
                completionTokens: Int((line.completionTokens - batchCompletion).rounded()))
            let batch = Usage(promptTokens: Int(batchPrompt.rounded()), completionTokens: Int(batchCompletion.rounded()))
            return price.cost(of: live) + price.batch.cost(of: batch)
        }
    }
}
