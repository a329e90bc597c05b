import Testing

@testable import QuorumCoEval

@Suite("CoEval judge agreement on degenerate data")
struct CoEvalJudgeAgreementTests {
    @Test("a judge pair that gave one grade throughout has no kappa or correlation, and says why")
    func kappaConstantGrades() throws {
        var table = CoEvalGradeTable([])
        table.judges = ["j1", "j2"]
        table.units = (0..<5).map { CoEvalGradeTable.Unit(responseID: "r\($0)", criterion: "c") }
        for unit in table.units { table.grades[unit] = ["j1": .high, "j2": .high] }
        let agreement = CoEvalJudgeAgreement(table)
        let pair = try #require(agreement.pair("j1", "j2"))
        #expect(pair.kappa == nil && pair.pearson == nil && pair.exactAgreement == 1)
        #expect(pair.note?.contains("constant") == true)
        #expect(agreement.alphaOrdinal == nil && agreement.alphaNote?.contains("same value") == true)
    }
}
