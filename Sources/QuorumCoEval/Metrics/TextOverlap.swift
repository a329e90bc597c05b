import Foundation

/// Word-overlap scores of a reply against a reference: sentence BLEU and ROUGE-L.
///
/// Both read text the same way: lower-cased, split into runs of letters and digits (punctuation
/// separates words and is dropped), so `Paris.` and `paris` are the same word.
public enum TextOverlap {
    /// The words of `text` as both scores count them.
    public static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Sentence-level BLEU-4 with BLEU+1 smoothing (Lin & Och 2004): n-gram precisions for n ≥ 2 add
    /// one to matches and to candidates, so one missing 4-gram does not zero a short sentence; the
    /// unigram precision is not smoothed (no shared word scores 0). Brevity penalty as in BLEU.
    public static func bleu(_ candidate: String, reference: String, maxOrder: Int = 4) -> Double {
        let hypothesis = tokens(candidate), truth = tokens(reference)
        guard !hypothesis.isEmpty, !truth.isEmpty else { return 0 }
        var logSum = 0.0
        for order in 1...maxOrder {
            let found = ngrams(hypothesis, order), wanted = ngrams(truth, order)
            let total = found.values.reduce(0, +)
            let matches = found.reduce(0) { $0 + min($1.value, wanted[$1.key] ?? 0) }
            let precision = order == 1
                ? Double(matches) / Double(total) : Double(matches + 1) / Double(total + 1)
            guard precision > 0 else { return 0 }
            logSum += log(precision)
        }
        let c = Double(hypothesis.count), r = Double(truth.count)
        let brevity = c > r ? 1 : exp(1 - r / c)
        return brevity * exp(logSum / Double(maxOrder))
    }

    /// ROUGE-L: the F1 of precision and recall of the longest common subsequence of words.
    public static func rougeL(_ candidate: String, reference: String) -> Double {
        let hypothesis = tokens(candidate), truth = tokens(reference)
        guard !hypothesis.isEmpty, !truth.isEmpty else { return 0 }
        let common = Double(longestCommonSubsequence(hypothesis, truth))
        guard common > 0 else { return 0 }
        let precision = common / Double(hypothesis.count), recall = common / Double(truth.count)
        return 2 * precision * recall / (precision + recall)
    }

    static func ngrams(_ words: [String], _ order: Int) -> [ArraySlice<String>: Int] {
        guard words.count >= order else { return [:] }
        var counts: [ArraySlice<String>: Int] = [:]
        for start in 0...(words.count - order) { counts[words[start..<(start + order)], default: 0] += 1 }
        return counts
    }

    /// Two rows of the dynamic-programming table are enough for the length.
    static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for wordA in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, wordB) in b.enumerated() {
                current[j + 1] = wordA == wordB ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            previous = current
        }
        return previous[b.count]
    }
}
