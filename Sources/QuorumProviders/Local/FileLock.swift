import QuorumCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, so two `quorum` processes never start the same server at once.
/// Call `release()` when done (a `defer` right after acquiring).
struct FileLock {
    private let descriptor: Int32

    /// Waits (without blocking a thread) until the lock on `path` is ours, or throws after `timeout` seconds.
    init(path: String, timeout: Double) async throws {
        let descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw QuorumError(.localRuntime, "cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = ContinuousClock.now + .seconds(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard ContinuousClock.now < deadline else {
                close(descriptor)
                throw QuorumError(.timeout, "another quorum process held \(path) for over \(Int(timeout))s")
            }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                close(descriptor)
                throw error
            }
        }
        self.descriptor = descriptor
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
