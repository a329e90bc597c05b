import Foundation
import QuorumEvaluation

extension CoEvalReport {
    /// The judge × judge matrix (Spearman above the diagonal, exact agreement below), the pair
    /// table, each judge's profile and Krippendorff's alpha.
    func agreementSection() -> String {
        let agreement = analysis.agreement
        let alpha = agreement.alphaOrdinal == nil && agreement.alphaNote != nil
            ? "Krippendorff's alpha: – (\(HTMLText.escape(agreement.alphaNote!)))"
            : "Krippendorff's alpha: ordinal <b id=\"alpha-ordinal\">\(Self.number(agreement.alphaOrdinal))</b>, interval <b id=\"alpha-interval\">\(Self.number(agreement.alphaInterval))</b> over \(agreement.alphaUnits) (response, criterion) units graded by two or more judges."
        guard agreement.judges.count >= 2 else {
            return "<section id=\"agreement\"><h2>Judge agreement</h2><p class=\"note\">\(alpha)</p>\(profileTable())</section>"
        }
        let header = agreement.judges.map { "<th class=\"num\">\(HTMLText.escape($0))</th>" }.joined()
        let rows = agreement.judges.enumerated().map { row, a in
            "<tr><td>\(HTMLText.escape(a))</td>" + agreement.judges.enumerated().map { column, b -> String in
                if row == column { return "<td class=\"num\">1.000</td>" }
                let pair = agreement.pair(a, b)
                return row < column ? Self.tintedCell(pair?.spearman, low: -1) : Self.tintedCell(pair?.exactAgreement)
            }.joined() + "</tr>"
        }.joined()
        let pairs = agreement.pairs.map { p in
            "<tr><td>\(HTMLText.escape(p.judgeA))</td><td>\(HTMLText.escape(p.judgeB))</td><td class=\"num\">\(p.sharedUnits)</td>"
                + [p.pearson, p.spearman, p.exactAgreement, p.weightedAgreement, p.kappa].map { "<td class=\"num\">\(Self.number($0))</td>" }.joined()
                + "<td class=\"muted\">\(HTMLText.escape(p.note ?? ""))</td></tr>"
        }.joined()
        return """
            <section id="agreement"><h2>Judge agreement</h2>
            <p>\(alpha)</p>
            <p class="muted">Above the diagonal: Spearman's rho of the grades both judges gave; below: the share of identical grades.</p>
            <table id="agreement-matrix" class="matrix"><thead><tr><th>judge</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>
            <table id="agreement-pairs"><thead><tr><th>judge A</th><th>judge B</th><th class="num">shared</th><th class="num">Pearson</th>\
            <th class="num">Spearman</th><th class="num">exact</th><th class="num">weighted</th><th class="num">Cohen's kappa</th><th>missing because</th></tr></thead>\
            <tbody>\(pairs)</tbody></table>\(profileTable())</section>
            """
    }

    func profileTable() -> String {
        let rows = analysis.agreement.profiles.map { p in
            "<tr><td>\(HTMLText.escape(p.judge))</td><td class=\"num\">\(p.grades)</td><td class=\"num\">\(Self.number(p.meanGrade))</td><td class=\"num\">\(Self.number(p.weightedAgreement))</td></tr>"
        }.joined()
        return "<table id=\"judge-profiles\"><thead><tr><th>judge</th><th class=\"num\">grades</th><th class=\"num\">mean grade</th><th class=\"num\">agreement with others (WPA)</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    func teacherSection() -> String {
        let rows = analysis.teacherQuality.sorted { ($0.rank ?? .max, $0.teacher) < ($1.rank ?? .max, $1.teacher) }.map { t in
            "<tr data-teacher=\"\(HTMLText.escape(t.teacher))\"><td class=\"num\">\(t.rank.map(String.init) ?? "–")</td><td>\(HTMLText.escape(t.teacher))</td>"
                + "<td class=\"num\">\(t.items)</td><td class=\"num\">\(t.gradedResponses)</td><td class=\"num\">\(Self.number(t.meanScore))</td>"
                + "<td class=\"num\">\(t.variance.map { String(format: "%.4f", $0) } ?? "–")</td><td class=\"num\">\(Self.number(t.spread))</td>"
                + "<td class=\"num\">\(Self.number(t.range))</td><td class=\"num\">\(Self.number(t.discrimination))</td></tr>"
        }.joined()
        return """
            <section id="teachers"><h2>Teacher quality</h2>
            <p class="muted">How well each teacher's items separate strong students from weak ones (CoEval's differentiation \
            scores): per (task, criterion), the variance (V1), standard deviation (S2) and range (R3) of the students' mean \
            grades on that teacher's items, averaged. Higher separates better. Discrimination: per item, the correlation \
            across students of their grade on it with their mean grade on every other item, averaged over the teacher's items.</p>
            <table id="teacher-quality"><thead><tr><th class="num">rank</th><th>teacher</th><th class="num">items</th>\
            <th class="num">graded responses</th><th class="num">mean grade</th><th class="num">variance (V1)</th>\
            <th class="num">spread (S2)</th><th class="num">range (R3)</th><th class="num">discrimination</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    func coverageSection() -> String {
        let coverage = analysis.coverage
        let tasks = coverage.tasks.map { t -> String in
            let teachers = t.itemsByTeacher.sorted { $0.key < $1.key }.map { "\(HTMLText.escape($0.key)) \($0.value)" }.joined(separator: ", ")
            return "<tr><td>\(HTMLText.escape(t.task))</td><td class=\"num\">\(t.attributes)</td><td class=\"num\">\(t.criteria)</td>"
                + "<td class=\"num\">\(t.items)</td><td>\(teachers)</td><td class=\"num\">\(t.responses)/\(t.expectedResponses)</td>"
                + "<td class=\"num\">\(t.evaluations)/\(t.expectedEvaluations)</td><td class=\"num\">\(t.missingGrades)</td></tr>"
        }.joined()
        let models = coverage.models.map { m in
            "<tr><td>\(m.role.rawValue)</td><td>\(HTMLText.escape(m.model))</td><td class=\"num\">\(m.expected.map { "\(m.produced)/\($0)" } ?? "\(m.produced)")</td><td class=\"num\">\(m.cost.formatted)</td></tr>"
        }.joined()
        return """
            <section id="coverage"><h2>Coverage and cost</h2>
            <table id="coverage-tasks"><thead><tr><th>task</th><th class="num">attributes</th><th class="num">criteria</th>\
            <th class="num">items</th><th>items by teacher</th><th class="num">responses</th><th class="num">evaluations</th>\
            <th class="num">blank grades</th></tr></thead><tbody>\(tasks)</tbody></table>
            <table id="coverage-models"><thead><tr><th>role</th><th>model</th><th class="num">produced</th><th class="num">cost</th></tr></thead>\
            <tbody>\(models)</tbody><tfoot><tr><th colspan="3">total</th><th class="num">\(coverage.totalCost.formatted)</th></tr></tfoot></table></section>
            """
    }
}
