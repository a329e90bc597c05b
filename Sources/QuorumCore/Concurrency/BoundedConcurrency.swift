/// Work over many elements, at most `limit` at a time, fed as each finishes: the one loop the runner,
/// CoEval's phases, pairwise judging, MLflow sync and the provider benchmark share.
public enum BoundedConcurrency {
    /// Runs `work` on the elements `admit` accepts, at most `limit` at once, and hands each result to
    /// `collect` on the calling task as it finishes (completion order). An element `admit` refuses is
    /// skipped and the next one asked, so a stop refuses all that remain.
    ///
    /// With `abandon`, a watcher polls it; once it is true `onAbandon` runs and the work in flight is
    /// cancelled, and what that work still returns is collected as usual. It polls because what it
    /// watches (a Ctrl-C counter set from a signal handler) cannot wake a task.
    public static func forEach<Element: Sendable, Result: Sendable>(
        _ elements: some Sequence<Element>, limit: Int,
        admit: (Element) async -> Bool = { _ in true },
        abandon: (@Sendable () -> Bool)? = nil, onAbandon: () -> Void = {},
        _ work: @escaping @Sendable (Element) async throws -> Result,
        collect: (Result) async throws -> Void = { _ in }
    ) async throws {
        var pending = elements.makeIterator()
        try await forEach(
            next: { pending.next() }, limit: limit, admit: admit, abandon: abandon, onAbandon: onAbandon, work,
            collect: collect)
    }

    /// The same loop fed by `next`, which is asked for an element whenever a slot is free and ends
    /// the feed by returning nil (after which it is not asked again): work claimed from a shared
    /// queue rather than known up front.
    public static func forEach<Element: Sendable, Result: Sendable>(
        next: () async throws -> Element?, limit: Int,
        admit: (Element) async -> Bool = { _ in true },
        abandon: (@Sendable () -> Bool)? = nil, onAbandon: () -> Void = {},
        _ work: @escaping @Sendable (Element) async throws -> Result,
        collect: (Result) async throws -> Void = { _ in }
    ) async throws {
        try await withThrowingTaskGroup(of: Slot<Result>.self) { group in
            var fed = false
            var inFlight = 0
            if let abandon { group.addTask { await watch(abandon) } }
            func startNext() async throws -> Bool {
                while !fed {
                    guard let element = try await next() else {
                        fed = true
                        break
                    }
                    guard await admit(element) else { continue }
                    group.addTask { .done(try await work(element)) }
                    inFlight += 1
                    return true
                }
                return false
            }
            while inFlight < max(limit, 1), try await startNext() {}
            while inFlight > 0, let slot = try await group.next() {
                switch slot {
                case .done(let result):
                    inFlight -= 1
                    try await collect(result)
                    _ = try await startNext()
                case .abandon:
                    onAbandon()
                    group.cancelAll()
                case .watcherDone:
                    break
                }
            }
            // Ends the watcher.
            group.cancelAll()
        }
    }

    private enum Slot<Result: Sendable>: Sendable {
        case done(Result)
        case abandon
        case watcherDone
    }

    /// Returns `.abandon` once `abandoned()` is true; ends quietly when the group is cancelled.
    private static func watch<Result>(_ abandoned: @Sendable () -> Bool) async -> Slot<Result> {
        while !Task.isCancelled {
            if abandoned() { return .abandon }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return .watcherDone
    }
}
