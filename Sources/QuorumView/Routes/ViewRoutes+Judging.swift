import Foundation
import Hummingbird
import QuorumEvaluation
import QuorumStore

extension ViewRoutes {
    /// Judging by hand: rubric judging per person, blind A/B, and the two POSTs that save them.
    func addJudging(to router: Router<BasicRequestContext>) {
        router.get("/runs/{run}/judge") { [store] request, context in
            let id = try Self.parameter("run", context)
            if let name = ViewQuery(request.uri.query)["name"] {
                return Response.redirect(to: "/runs/\(ViewQuery.segment(id))/judge/\(ViewQuery.segment(name))", type: .normal)
            }
            return await Self.page {
                guard let run = try await store.run(id) else { throw ViewNotFound("no run '\(id)' in this store") }
                guard let progress = try await RunJudging(store: store).progress(runID: id) else {
                    throw ViewNotFound("run \(id) was not started with a rubric, so there is nothing to judge it by")
                }
                let human = try await store.judgmentStore().judgments(ofRun: id).filter { $0.kind == .human && $0.rubric == progress.rubric }
                let judged = Dictionary(grouping: human, by: \.judge).map { (judge: $0.key, cells: $0.value.count) }.sorted { $0.judge < $1.judge }
                return JudgeChooserPage(run: run, progress: progress, judged: judged).rendered()
            }
        }
        router.get("/runs/{run}/judge/{judge}") { [store] _, context in
            await Self.page {
                JudgingPage(desk: try await JudgingDesk.load(
                    run: try Self.parameter("run", context), judge: try Self.parameter("judge", context), from: store)).rendered()
            }
        }
        router.get("/api/runs/{run}/judging/{judge}") { [store] _, context in
            await Self.api {
                ViewResponse.json(try await JudgingDesk.load(
                    run: try Self.parameter("run", context), judge: try Self.parameter("judge", context), from: store))
            }
        }
        router.post("/api/runs/{run}/judgments") { [store] request, context in
            if let refusal = WriteGuard.refusal(request) { return refusal }
            var request = request
            return await Self.api {
                let id = try Self.parameter("run", context)
                guard try await store.run(id) != nil else { throw ViewNotFound("no run '\(id)' in this store") }
                let body = Data(buffer: try await request.collectBody(upTo: 1 << 20))
                switch try await BrowserJudgment.save(body, runID: id, store: store) {
                case .success(let saved): return ViewResponse.json(saved)
                case .failure(let rejected): return ViewResponse.json(rejected, status: .badRequest)
                }
            }
        }
        addPairwise(to: router)
    }

    private func addPairwise(to router: Router<BasicRequestContext>) {
        router.get("/runs/{run}/ab") { [store] request, context in
            let id = try Self.parameter("run", context)
            let query = ViewQuery(request.uri.query)
            if let name = query["name"] {
                return Response.redirect(
                    to: ViewQuery.link("/runs/\(ViewQuery.segment(id))/ab/\(ViewQuery.segment(name))", [("a", query["a"]), ("b", query["b"])]),
                    type: .normal)
            }
            return await Self.page {
                guard let run = try await store.run(id) else { throw ViewNotFound("no run '\(id)' in this store") }
                let human = try await (store as? any PairwiseVerdictStore)?.pairwiseVerdicts(ofRun: id).filter(\.isHuman) ?? []
                let sessions = Dictionary(grouping: human) { "\($0.judge)\u{1F}\($0.system)\u{1F}\($0.baseline)" }.values.map { games in
                    (judge: String(games[0].judge.dropFirst(PairwiseVerdict.humanJudgePrefix.count)), system: games[0].system,
                     baseline: games[0].baseline, games: games.count)
                }.sorted { ($0.judge, $0.system) < ($1.judge, $1.system) }
                return PairwiseChooserPage(run: run, sessions: sessions).rendered()
            }
        }
        router.get("/runs/{run}/ab/{judge}") { [store] request, context in
            await Self.page {
                let id = try Self.parameter("run", context)
                guard let run = try await store.run(id) else { throw ViewNotFound("no run '\(id)' in this store") }
                let query = ViewQuery(request.uri.query)
                let a = query["a"] ?? run.baseline ?? run.systems.first ?? ""
                let b = query["b"] ?? run.systems.first { $0 != a } ?? a
                return PairwisePage(desk: try await PairwiseDesk.load(
                    run: id, judge: try Self.parameter("judge", context), a: a, b: b, from: store)).rendered()
            }
        }
        router.post("/api/runs/{run}/pairwise") { [store] request, context in
            if let refusal = WriteGuard.refusal(request) { return refusal }
            var request = request
            return await Self.api {
                let id = try Self.parameter("run", context)
                let body = Data(buffer: try await request.collectBody(upTo: 1 << 20))
                switch try await BrowserPairwise.save(body, runID: id, store: store) {
                case .success(let saved): return ViewResponse.json(saved)
                case .failure(let rejected): return ViewResponse.json(rejected, status: .badRequest)
                }
            }
        }
    }

    /// A JSON answer, or `{"error": …}` with 404 for what is not there and 500 for the rest.
    static func api(_ respond: () async throws -> Response) async -> Response {
        do {
            return try await respond()
        } catch let missing as ViewNotFound {
            return ViewResponse.json(ViewResponse.Failure(error: missing.message), status: .notFound)
        } catch let error as HTTPError {
            // A body over the limit, mostly.
            return ViewResponse.json(ViewResponse.Failure(error: error.body ?? "\(error.status)"), status: error.status)
        } catch {
            return ViewResponse.json(ViewResponse.Failure(error: "\(error)"), status: .internalServerError)
        }
    }
}
