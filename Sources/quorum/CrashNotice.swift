#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last line of defence against a trap (an index out of range, a force unwrap): a signal
/// handler that writes one sentence naming the command and what it kept, then lets the signal
/// take its default course, so the exit status (and a core dump or the runtime's backtrace, when
/// enabled) stays that of a crash. Not installed with `--debug`, which leaves Swift's own crash
/// report alone.
enum CrashNotice {
    /// The sentence, made before any crash: a signal handler may only `write(2)` what exists.
    /// Set once in `install`, before any other thread runs, and only read afterwards (from the
    /// handler), which is why a global is acceptable here.
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var length = 0

    static func install(for failure: CommandFailure) {
        let text = "\n\(failure.command) stopped on an internal error (a bug in Quorum); \(failure.kept). "
            + "Run it again with --debug and report the output.\n"
        message = strdup(text)
        length = text.utf8.count
        for number in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
            signal(number) { received in
                if let message = CrashNotice.message { _ = write(STDERR_FILENO, message, CrashNotice.length) }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
