#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU-time clocks for the benchmark.
package enum CPUTime {
    /// User + system CPU seconds this process has used, all threads.
    package static func process() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// CPU seconds the calling thread has used.
    package static func thread() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Microseconds of thread CPU per run of `body`, over `iterations` runs (after a short warm-up).
    package static func perIteration(_ iterations: Int, _ body: () -> Void) -> Double {
        for _ in 0..<min(1_000, iterations) { body() }
        let start = thread()
        for _ in 0..<iterations { body() }
        return (thread() - start) / Double(iterations) * 1e6
    }

    private static func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) / 1e6
    }
}
