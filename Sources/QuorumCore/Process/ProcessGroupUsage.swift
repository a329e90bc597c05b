import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time used by a process group, read from `/proc`: a watchdog's evidence that a quiet child
/// (a compiler on a large file) is still working and not hung.
enum ProcessGroupUsage {
    /// Seconds of CPU used by the members of process group `group`, including the children they have
    /// already waited for (the kernel adds those to the parent's `cutime`/`cstime`, so the sum only
    /// grows while the group works). `nil` where `/proc` does not exist.
    static func cpuSeconds(ofGroup group: Int32) -> Double? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        var ticks: Int64 = 0
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let fields = fields(ofStat: stat), fields.group == group
            else { continue }
            ticks += fields.ticks
        }
        return Double(ticks) / Double(max(sysconf(Int32(_SC_CLK_TCK)), 1))
    }

    /// The process group and CPU ticks (user + system, own and waited-for children) of one
    /// `/proc/PID/stat` line. The command name in parentheses may hold spaces, so fields are counted
    /// from its closing parenthesis.
    static func fields(ofStat stat: String) -> (group: Int32, ticks: Int64)? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14).
        guard rest.count > 14, let group = Int32(rest[2]) else { return nil }
        let ticks = [11, 12, 13, 14].reduce(Int64(0)) { $0 + (Int64(rest[$1]) ?? 0) }
        return (group, ticks)
    }
}
