import Foundation
import QuorumProviders
import QuorumStore

/// The `custom_id` of one call in a batch: a digest of (system, item, call key), so the same call
/// gets the same id in every invocation — a `--continue` after a crash recognizes the lines of a
/// batch it submitted — and fits every vendor's rule (Anthropic: `[a-zA-Z0-9_-]{1,64}`).
enum BatchCallID {
    static func make(pair: PairKey, key: String) -> String {
        "q" + TextDigest.sha256("\(pair.system)\u{0}\(pair.item)\u{0}\(key)").prefix(40)
    }
}
