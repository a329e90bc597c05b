import Foundation
import Testing

@testable import QuorumProviders

@Suite("ServerRecord and PortProbe")
struct LocalServerRecordTests {
    @Test("writes a two-line PID file and reads it back")
    func roundTrips() throws {
        let directory = try LocalTemporaryDirectory()
        defer { directory.remove() }
        let run = directory.url.appendingPathComponent("run")
        let record = ServerRecord(model: "smollm2-135m", pid: 4242, port: 18081)
        try record.write(to: run)
        let text = try String(contentsOf: run.appendingPathComponent("smollm2-135m.pid"), encoding: .utf8)
        #expect(text == "4242\n18081\n")
        #expect(ServerRecord.read(model: "smollm2-135m", from: run) == record)
        ServerRecord.remove(model: "smollm2-135m", from: run)
        #expect(ServerRecord.read(model: "smollm2-135m", from: run) == nil)
    }

    @Test("ignores PID files that are not two positive numbers", arguments: ["", "4242", "abc\n18081", "-1\n18081", "12\n0"])
    func ignoresGarbage(text: String) {
        #expect(ServerRecord(model: "m", text: text) == nil)
    }

    @Test("sees a port with a listener as taken and a closed one as free")
    func probesPorts() throws {
        let holder = try LocalPortHolder()
        #expect(PortProbe.isFree(holder.port) == false)
        holder.release()
        #expect(PortProbe.isFree(holder.port))
    }
}
