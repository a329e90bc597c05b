import Foundation
import QuorumCore
import Testing

@Suite("ConfigEditor")
struct ConfigEditorTests {
    static let yaml = """
        # my config
        systems:
          - {name: base, type: single, model: m, parameters: {threshold: 3}}
          - name: c
            type: cascade
            gate: {confidence: {signal: mean, threshold: -0.25}}   # keep me
          - name: d
            gate:
              confidence:
                signal: min
                threshold: -1
        """

    @Test("a flow-style threshold changes in place; the rest of the file, comments included, does not")
    func flowStyle() throws {
        let edited = try ConfigEditor.setting(
            "systems[1].gate.confidence.threshold", to: -0.4321, comment: "calibrated today", in: Self.yaml)
        let lines = edited.components(separatedBy: "\n")
        #expect(lines[5] == "    # calibrated today")
        #expect(lines[6] == "    gate: {confidence: {signal: mean, threshold: -0.4321}}   # keep me")
        #expect(lines.count == Self.yaml.components(separatedBy: "\n").count + 1)
        #expect(edited.contains("parameters: {threshold: 3}"))
        // A second calibration replaces its own comment instead of adding another.
        let again = try ConfigEditor.setting("systems[1].gate.confidence.threshold", to: -0.5, comment: "calibrated later", in: edited)
        #expect(again.components(separatedBy: "\n").count == lines.count)
        #expect(again.contains("    # calibrated later\n    gate: {confidence: {signal: mean, threshold: -0.5}}"))
        let reloaded = try #require(ConfigLoader().load(yaml: again, file: "c.yaml", directory: nil).config)
        #expect(reloaded.systems[1].gate?.confidence?.threshold == -0.5)
    }

    @Test("a word (the gate's signal) changes in place beside the threshold, under one comment")
    func word() throws {
        var edited = try ConfigEditor.setting("systems[1].gate.confidence.signal", toWord: "entropy", comment: "calibrated today", in: Self.yaml)
        edited = try ConfigEditor.setting("systems[1].gate.confidence.threshold", to: -1.25, comment: "calibrated today", in: edited)
        let lines = edited.components(separatedBy: "\n")
        #expect(lines[5] == "    # calibrated today")
        #expect(lines[6] == "    gate: {confidence: {signal: entropy, threshold: -1.25}}   # keep me")
        #expect(lines.count == Self.yaml.components(separatedBy: "\n").count + 1)
    }

    @Test("a block-style threshold changes on its own line; a missing key is an error")
    func blockStyle() throws {
        let edited = try ConfigEditor.setting("systems[2].gate.confidence.threshold", to: -0.75, comment: "calibrated", in: Self.yaml)
        #expect(edited.hasSuffix("        # calibrated\n        threshold: -0.75"))
        #expect(throws: QuorumError.self) {
            try ConfigEditor.setting("systems[0].gate.confidence.threshold", to: -1, comment: "x", in: Self.yaml)
        }
    }
}
