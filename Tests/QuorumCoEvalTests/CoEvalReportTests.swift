import Foundation
import QuorumCore
import QuorumEvaluation
import Testing

@testable import QuorumCoEval

@Suite("CoEval HTML report")
struct CoEvalReportTests {
    func rendered(_ artifacts: CoEvalArtifacts = GradedCoEvalRun.artifacts(), sampleSize: Int = 12) -> String {
        let analysis = CoEvalAnalysis(artifacts: artifacts, bootstrap: Bootstrap(resamples: 200, seed: 3))
        return CoEvalReport(analysis: analysis, artifacts: artifacts, sampleSize: sampleSize).rendered()
    }

    @Test("the page holds the leaderboards, agreement, teacher quality, coverage and samples with their values")
    func sections() {
        let html = rendered()
        for id in ["leaderboard", "chart-leaderboard", "criterion-matrix", "agreement", "agreement-matrix", "agreement-pairs",
                   "judge-profiles", "teachers", "teacher-quality", "coverage", "coverage-tasks", "coverage-models", "samples"] {
            #expect(html.contains("id=\"\(id)\""), "missing #\(id)")
        }
        #expect(html.contains("data-student=\"S1\" data-mean=\"0.9583333333333334\""))
        #expect(html.contains("Best student overall: <b>S1</b> with a mean grade of 0.958."))
        #expect(html.contains("<b id=\"alpha-ordinal\">0.669</b>"))
        #expect(html.contains("<b id=\"alpha-interval\">0.694</b>"))
        #expect(html.contains("<td class=\"num\">17</td><td class=\"num\">0.734</td><td class=\"num\">0.708</td><td class=\"num\">0.647</td><td class=\"num\">0.824</td><td class=\"num\">0.440</td>"))
        #expect(html.contains("data-teacher=\"T1\"><td class=\"num\">1</td><td>T1</td><td class=\"num\">2</td><td class=\"num\">6</td><td class=\"num\">0.500</td><td class=\"num\">0.2005</td>"))
        #expect(html.contains("<td class=\"num\">9/9</td><td class=\"num\">18/18</td><td class=\"num\">1</td>"))
        #expect(html.contains("<th class=\"num\">$0.048</th>") || html.contains("$0.048"))
        #expect(html.contains("data-task=\"qa\" data-criterion=\"clarity\""))
        #expect(html.contains("judges left 1 rubric grades blank"))
    }

    @Test("sample items show the prompt, reference, every response and every judge's grades")
    func samples() {
        let html = rendered()
        #expect(html.contains("id=\"item-qa_46_T1_46_1\""))
        #expect(html.contains("<pre class=\"prompt\">Question qa.T1.1?</pre>"))
        #expect(html.contains("<pre class=\"reference\">Answer qa.T1.1.</pre>"))
        #expect(html.contains("<pre class=\"response\">S3 answers qa.T1.2</pre>"))
        // J2 skipped clarity on S3's answer to qa.T1.2: its row shows a dash and a mean over accuracy only.
        #expect(html.contains("<tr><td>J2</td><td>Low</td><td>–</td><td class=\"num\">0.000</td></tr>"))
        #expect(html.contains("<tr><td>J1</td><td>High</td><td>High</td><td class=\"num\">1.000</td></tr>"))
    }

    @Test("the sample takes items from each teacher in turn and stops at its size")
    func sampling() {
        let analysis = CoEvalAnalysis(artifacts: GradedCoEvalRun.artifacts())
        let report = CoEvalReport(analysis: analysis, artifacts: GradedCoEvalRun.artifacts(), sampleSize: 2)
        #expect(report.sampledItems().map(\.id) == ["qa.T1.1", "qa.T2.1"])
        #expect(rendered(sampleSize: 2).contains("2 of 3 items"))
    }

    @Test("model-written text is escaped")
    func escaping() {
        var artifacts = GradedCoEvalRun.artifacts()
        artifacts.items[0].prompt = "<script>alert('x')</script> & \"quotes\""
        artifacts.responses[0].text = "<img src=x onerror=alert(1)>"
        let html = rendered(artifacts)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test("the page is self-contained: nothing is loaded from the network")
    func selfContained() {
        let html = rendered()
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("an early run renders with notes instead of empty charts")
    func early() {
        var artifacts = GradedCoEvalRun.artifacts()
        artifacts.evaluations = []
        let html = rendered(artifacts)
        #expect(html.contains("No graded responses yet: run phase 5 (evaluation)."))
        #expect(!html.contains("id=\"chart-leaderboard\""))
        #expect(html.contains("Krippendorff&#39;s alpha") || html.contains("Krippendorff's alpha: – (no evaluations yet)"))
        #expect(html.contains("Not graded yet."))
        let empty = rendered(CoEvalArtifacts(runID: "nothing"))
        #expect(empty.contains("No items yet: run phase 3 (data generation)."))
    }
}
