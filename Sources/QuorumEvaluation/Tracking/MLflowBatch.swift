/// One `runs/log-batch` request's worth of data, within MLflow's limits.
///
/// MLflow refuses a batch with more than 1000 metrics, 100 params, 100 tags or 1000 entities in
/// all, param values over 6000 characters, tag values over 8000 and keys over 250; keys may only
/// hold letters, digits, `_ - . : /` and spaces. `split` cuts and cleans what Quorum logs to fit.
struct MLflowBatch: Sendable, Hashable {
    static let maxMetrics = 1000
    static let maxParamsOrTags = 100
    static let maxEntities = 1000
    static let maxParamValue = 6000
    static let maxTagValue = 8000
    static let maxKey = 250

    var metrics: [MLflowMetric] = []
    var params: [MLflowKeyValue] = []
    var tags: [MLflowKeyValue] = []

    var entityCount: Int { metrics.count + params.count + tags.count }

    /// Batches holding every metric, param and tag, keys cleaned and values cut to MLflow's limits;
    /// a param that appears twice keeps its first value (MLflow rejects a batch with both).
    static func split(metrics: [MLflowMetric], params: [MLflowKeyValue], tags: [MLflowKeyValue]) -> [MLflowBatch] {
        var seen: Set<String> = []
        let params = params.map { MLflowKeyValue(key($0.key), truncated($0.value, to: maxParamValue)) }
            .filter { seen.insert($0.key).inserted }
        let tags = tags.map { MLflowKeyValue(key($0.key), truncated($0.value, to: maxTagValue)) }
        let metrics = metrics.filter { $0.value.isFinite }.map {
            MLflowMetric(key: key($0.key), value: $0.value, timestamp: $0.timestamp, step: $0.step)
        }
        var batches: [MLflowBatch] = []
        var current = MLflowBatch()
        func room(_ limit: Int, _ count: Int) -> Bool { count < limit && current.entityCount < maxEntities }
        func flushIfFull(_ hasRoom: Bool) {
            if !hasRoom {
                batches.append(current)
                current = MLflowBatch()
            }
        }
        for param in params {
            flushIfFull(room(maxParamsOrTags, current.params.count))
            current.params.append(param)
        }
        for tag in tags {
            flushIfFull(room(maxParamsOrTags, current.tags.count))
            current.tags.append(tag)
        }
        for metric in metrics {
            flushIfFull(room(maxMetrics, current.metrics.count))
            current.metrics.append(metric)
        }
        if current.entityCount > 0 || batches.isEmpty { batches.append(current) }
        return batches
    }

    /// `text` as a valid MLflow key: other characters become `_`, path tricks (`//`, `./`) are
    /// flattened, and it is cut to 250 characters.
    static func key(_ text: String) -> String {
        var cleaned = String(text.unicodeScalars.map { scalar -> Character in
            let allowed = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || "_-.: /".unicodeScalars.contains(scalar)
            return allowed ? Character(scalar) : "_"
        })
        // MLflow refuses names that normalise to another path: empty, `.` or `..` segments.
        let segments = cleaned.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.isEmpty || segment == "." || segment == ".." ? "_" : String(segment)
        }
        cleaned = segments.joined(separator: "/")
        if cleaned.isEmpty { cleaned = "_" }
        return String(cleaned.prefix(maxKey))
    }

    /// `text`, cut to `limit` characters with a marker saying it was cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let marker = "…[truncated]"
        return String(text.prefix(limit - marker.count)) + marker
    }
}
