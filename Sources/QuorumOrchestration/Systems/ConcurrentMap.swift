extension Sequence where Element: Sendable {
    /// Runs `transform` on every element concurrently and returns the results in the original order.
    ///
    /// Used for calls within a debate round, a MoA layer or a batch of samples: their keys come
    /// from the element's position, never from completion order, so resume stays deterministic.
    func concurrentMap<Result: Sendable>(
        _ transform: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        let items = Array(self)
        if items.count == 1 { return [try await transform(items[0])] }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            for (index, item) in items.enumerated() {
                group.addTask { (index, try await transform(item)) }
            }
            var results = [Result?](repeating: nil, count: items.count)
            for try await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }
}
