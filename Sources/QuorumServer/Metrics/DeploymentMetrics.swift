import QuorumCore
import QuorumProviders

/// The health of routed models' deployments, appended to `/metrics` at each scrape.
///
/// Read from the deployments' own counters when scraped, so the hot path records nothing twice;
/// written as Prometheus text by hand because the values already are totals (not increments).
/// Model and deployment names come from the config, never from a client.
enum DeploymentMetrics {
    static func render(_ models: [String: any ChatModel]) -> String {
        var seen: Set<String> = []
        var rows: [DeploymentStatus] = []
        for name in models.keys.sorted() {
            guard let routed = models[name] as? RoutedModel else { continue }
            for status in routed.deploymentStatus where seen.insert("\(status.model)\u{0}\(status.deployment)").inserted {
                rows.append(status)
            }
        }
        guard !rows.isEmpty else { return "" }
        let series: [(name: String, type: String, help: String, value: (DeploymentStatus) -> Int)] = [
            ("quorum_deployment_failures_total", "counter", "Failed calls per deployment.", { $0.failures }),
            ("quorum_deployment_cooldowns_total", "counter", "Times a deployment was cooled down.", { $0.cooldowns }),
            ("quorum_deployment_cooled_down", "gauge", "1 while a deployment is cooled down.", { $0.isCooledDown ? 1 : 0 }),
            ("quorum_deployment_in_flight", "gauge", "Calls in flight per deployment.", { $0.inFlight }),
        ]
        var text = ""
        for metric in series {
            text += "# HELP \(metric.name) \(metric.help)\n# TYPE \(metric.name) \(metric.type)\n"
            for row in rows {
                text += "\(metric.name){model=\"\(escaped(row.model))\",deployment=\"\(escaped(row.deployment))\"} \(metric.value(row))\n"
            }
        }
        return text
    }

    private static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
