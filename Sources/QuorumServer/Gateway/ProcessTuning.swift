import Foundation
import NIOCore
import NIOPosix
import Synchronization

extension Gateway {
    /// Tunes the process for serving; call once, from `quorum serve`, before `run`.
    ///
    /// Swift concurrency's jobs then run on NIO's event loops, the threads the connections live
    /// on, so a passthrough request no longer hops between the concurrency pool and the event
    /// loops several times: each hop is a thread wake-up, and together they cost more CPU than the
    /// request's own work. Nothing the gateway runs blocks a thread (waits are `await`s).
    ///
    /// Returns whether the event loops took over (false when something else already had).
    @discardableResult
    public static func tuneProcess() -> Bool {
        ConcurrencyOnEventLoops.install()
    }
}

/// Runs Swift concurrency's global jobs on NIO's singleton event loops, as *generic* jobs.
///
/// NIO's own take-over (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`)
/// runs each global job isolated to the event loop as a serial executor. Every call into a
/// nonisolated async function then counts as leaving that executor: the runtime enqueues the task
/// again instead of calling straight through, about 25 extra round trips through the loop's
/// queue per passthrough request (counted with uprobes on `swift_task_enqueueGlobal`). Running
/// the job the way Swift's own pool does, on the generic executor, makes those calls direct.
enum ConcurrencyOnEventLoops {
    typealias EnqueueGlobalHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    private static let installed = Atomic<Bool>(false)

    /// The generic executor, as the runtime spells it: no identity, no implementation.
    static let generic = unsafeBitCast((UInt(0), UInt(0)), to: UnownedSerialExecutor.self)

    static func install() -> Bool {
        guard MemoryLayout<UnownedSerialExecutor>.size == 2 * MemoryLayout<UInt>.size,
            installed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged,
            let symbol = dlsym(dlopen(nil, RTLD_NOW), "swift_task_enqueueGlobal_hook")
        else { return false }
        let hookSlot = symbol.assumingMemoryBound(to: UnsafeRawPointer?.self)
        guard hookSlot.pointee == nil else { return false }  // someone else's executor is in charge
        return withUnsafeTemporaryAllocation(of: EnqueueGlobalHook.self, capacity: 1) { hook in
            hook.baseAddress!.initialize(to: { job, _ in
                // `any()` is the caller's own loop when it runs on one: no thread hop.
                MultiThreadedEventLoopGroup.singleton.any().execute {
                    job.runSynchronously(on: ConcurrencyOnEventLoops.generic)
                }
            })
            return hook.baseAddress!.withMemoryRebound(to: UnsafeRawPointer.self, capacity: 1) { function in
                hookSlot.pointee = function.pointee
                return true
            }
        }
    }
}
