import Dispatch
import Foundation
import QuorumEvaluation

/// Turns Ctrl-C and SIGTERM into `StopSignal` requests while a run is going: the first stops
/// starting work and lets the items in flight finish (and be saved), the second abandons them.
/// Restores the default handlers when released.
final class RunInterrupts {
    private static let signals = [SIGINT, SIGTERM]
    private let sources: [any DispatchSourceSignal]

    init(_ stop: StopSignal) {
        let queue = DispatchQueue(label: "quorum.interrupts")
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let name = number == SIGINT ? "Ctrl-C" : "SIGTERM"
                switch stop.request() {
                case .stopping:
                    FileHandle.standardError.write(Data(
                        "\nstopping (\(name)): no new items start; waiting for the ones in flight (again to abandon them)\n".utf8))
                default:
                    FileHandle.standardError.write(Data("\nabandoning the items in flight\n".utf8))
                }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
