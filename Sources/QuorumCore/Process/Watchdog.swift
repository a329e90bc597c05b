/// The limits a supervised child runs under: when it is judged hung and how it is stopped.
public struct Watchdog: Sendable, Hashable {
    /// How long the child may show no sign of work — no new output, no CPU time in its process group,
    /// no growth of the bytes its caller watches — before it is judged hung; `nil`: never.
    public var stallLimit: Duration?
    /// The longest it may run at all; `nil`: no limit.
    public var deadline: Duration?
    /// Between the SIGTERM and the SIGKILL sent to its process group.
    public var grace: Duration
    /// How often its activity is sampled and reported.
    public var interval: Duration

    public init(
        stallLimit: Duration? = nil, deadline: Duration? = nil, grace: Duration = .seconds(5),
        interval: Duration = .seconds(1)
    ) {
        self.stallLimit = stallLimit
        self.deadline = deadline
        self.grace = grace
        self.interval = interval
    }
}

/// What a supervised child has done so far, sampled by its watchdog.
public struct ChildActivity: Sendable, Hashable {
    /// Seconds since it started.
    public var elapsed: Double
    /// Bytes it has written to its output file.
    public var outputBytes: Int64
    /// CPU seconds used by its process group (`nil` where the system cannot tell).
    public var cpuSeconds: Double?
    /// The caller's own measure of progress (bytes downloaded, say); 0 when none is watched.
    public var watchedBytes: Int64
    /// Seconds since the last sign of work.
    public var idleSeconds: Double

    public init(elapsed: Double = 0, outputBytes: Int64 = 0, cpuSeconds: Double? = nil, watchedBytes: Int64 = 0,
                idleSeconds: Double = 0) {
        self.elapsed = elapsed
        self.outputBytes = outputBytes
        self.cpuSeconds = cpuSeconds
        self.watchedBytes = watchedBytes
        self.idleSeconds = idleSeconds
    }
}

/// How a supervised child ended.
public enum SupervisedOutcome: Sendable, Hashable {
    /// It ended by itself.
    case finished(ChildProcess.Termination)
    /// It showed no sign of work for the watchdog's stall limit and was killed with its group.
    case stalled(idleSeconds: Double)
    /// It ran past the watchdog's deadline and was killed with its group.
    case timedOut(seconds: Double)

    /// Whether it ended by itself with exit status 0.
    public var succeeded: Bool { self == .finished(.exited(0)) }
}
