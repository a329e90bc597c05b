// libFuzzer's entry point for every Quorum harness, compiled by bench/fuzz.sh into one binary;
// QUORUM_FUZZ_TARGET names the harness to run. Each harness must never trap on any input and
// traps (`fatalError`) only when two readers of the same bytes disagree.
import Foundation

/// The harnesses by name; bench/fuzz.sh runs each with its own corpus under Fuzz/corpus/NAME.
let fuzzTargets: [String: (Data) -> Void] = [
    "config": ConfigFuzz.run,
    "datasets": DatasetFuzz.run,
    "json-strict": StrictJSONFuzz.run,
    "json-lenient": LenientJSONFuzz.run,
    "sse": SSEFuzz.run,
    "gateway-request": GatewayRequestFuzz.run,
    "verdicts": VerdictFuzz.run,
    "coeval-replies": CoEvalReplyFuzz.run,
]

let selectedTarget: (Data) -> Void = {
    let name = ProcessInfo.processInfo.environment["QUORUM_FUZZ_TARGET"] ?? ""
    guard let target = fuzzTargets[name] else {
        fatalError("set QUORUM_FUZZ_TARGET to one of: \(fuzzTargets.keys.sorted().joined(separator: ", "))")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    selectedTarget(Data(bytes: bytes, count: count))
    return 0
}
