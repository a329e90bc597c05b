extension ConfigValidator {
    /// A model's or system's `cache:`: a TTL and a size bound that can hold an answer.
    mutating func check(_ cache: CacheConfig?, at path: String) {
        guard let cache else { return }
        // A zero TTL would store every answer and never use one: paying for the writes for nothing.
        if let ttl = cache.ttl, ttl.seconds <= 0 {
            error("\(path).ttl", "must be longer than 0s (leave cache: out, or write cache: false, to turn it off)")
        }
        checkPositive(cache.maxEntries, at: "\(path).max_entries")
    }
}
