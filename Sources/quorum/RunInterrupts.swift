import Dispatch
import Foundation
import QuorumEvaluation

/// Turns Ctrl-C into `StopSignal` requests while a run is going: the first stops starting work,
/// the second abandons the items in flight. Restores the default handler when released.
final class RunInterrupts {
    private let source: any DispatchSourceSignal

    init(_ stop: StopSignal) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "quorum.sigint"))
        source.setEventHandler {
            switch stop.request() {
            case .stopping:
                FileHandle.standardError.write(Data(
                    "\nstopping: no new items start; waiting for the ones in flight (Ctrl-C again to abandon them)\n".utf8))
            default:
                FileHandle.standardError.write(Data("\nabandoning the items in flight\n".utf8))
            }
        }
        source.resume()
        self.source = source
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
