/// What a running install step is doing, reported about once a second for a progress line.
public struct LocalInstallProgress: Sendable, Hashable {
    /// What is counted, for display.
    public enum Unit: Sendable, Hashable {
        case bytes
        /// Compile steps of the llama.cpp build (ninja's `[123/456]`) or its percentage (make's `[ 45%]`).
        case buildSteps
        case percent
    }

    /// `runtime` or a catalog model name.
    public var step: String
    /// What it does now: "compiling llama.cpp", "downloading wheels".
    public var activity: String
    /// Seconds since the step began.
    public var elapsed: Double
    public var completed: Int64?
    public var total: Int64?
    public var unit: Unit
    /// Seconds of CPU the step's processes have used, where the system tells.
    public var cpuSeconds: Double?

    public init(
        step: String, activity: String, elapsed: Double, completed: Int64? = nil, total: Int64? = nil,
        unit: Unit = .bytes, cpuSeconds: Double? = nil
    ) {
        self.step = step
        self.activity = activity
        self.elapsed = elapsed
        self.completed = completed
        self.total = total
        self.unit = unit
        self.cpuSeconds = cpuSeconds
    }

    /// Seconds left at the average rate since the step began, once there is a rate to go on.
    public var remainingSeconds: Double? {
        guard let completed, let total, completed > 0, total > completed, elapsed > 2 else { return nil }
        return elapsed / Double(completed) * Double(total - completed)
    }

    /// The fraction done, 0…1, when a total is known.
    public var fraction: Double? {
        guard let completed, let total, total > 0 else { return nil }
        return min(1, Double(completed) / Double(total))
    }
}
