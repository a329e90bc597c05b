import Foundation
import Hummingbird
import QuorumEvaluation
import QuorumStore

/// Every endpoint of the view: the pages (this file), the judging pages and API
/// (`ViewRoutes+Judging`), and the embedded assets. Pages only read the store; the two POSTs
/// write judgments.
struct ViewRoutes: Sendable {
    let store: any RunStore
    let categories: ItemCategories

    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in "ok" }
        router.get("/assets/icon.svg") { _, _ in ViewResponse.asset(ViewIcon.svg, type: "image/svg+xml") }
        router.get("/assets/view.css") { _, _ in ViewResponse.asset(ViewStyle.css, type: "text/css; charset=utf-8") }
        router.get("/assets/judging.js") { _, _ in ViewResponse.asset(JudgingScript.source, type: "text/javascript; charset=utf-8") }
        router.get("/assets/pairwise.js") { _, _ in ViewResponse.asset(PairwiseScript.source, type: "text/javascript; charset=utf-8") }
        router.get("/") { [store] request, _ in
            await Self.page { RunsPage(listings: try await RunListing.all(in: store), query: ViewQuery(request.uri.query)).rendered() }
        }
        router.get("/runs/{run}") { [store, categories] request, context in
            await Self.page {
                let id = try Self.parameter("run", context)
                guard let view = try await RunView.load(id, from: store, categories: categories) else {
                    throw ViewNotFound("no run '\(id)' in this store")
                }
                return RunPage(view: view, query: ViewQuery(request.uri.query)).rendered()
            }
        }
        router.get("/runs/{run}/item") { [store] request, context in
            await Self.page {
                let id = try Self.parameter("run", context)
                guard let item = ViewQuery(request.uri.query)["id"] else { throw ViewNotFound("say which item: /runs/\(id)/item?id=ITEM") }
                guard let view = try await ItemView.load(run: id, item: item, from: store) else {
                    throw ViewNotFound(try await store.run(id) == nil ? "no run '\(id)' in this store" : "run \(id) has no item '\(item)'")
                }
                return ItemPage(view: view).rendered()
            }
        }
        router.get("/compare") { [store] request, _ in
            await Self.page {
                let query = ViewQuery(request.uri.query)
                guard let a = query["a"] else { throw ViewNotFound("say which run: /compare?a=RUN[&as=SYSTEM&b=RUN&bs=SYSTEM]") }
                let sides = try await SideBySide.load(a: a, system: query["as"], b: query["b"], system: query["bs"], from: store)
                return SideBySidePage(comparison: sides, runIDs: try await store.runs().map(\.id), query: query).rendered()
            }
        }
        addJudging(to: router)
    }

    /// A page, or the page saying what was not found (404) or what went wrong (500).
    static func page(_ render: () async throws -> String) async -> Response {
        do {
            return ViewResponse.html(try await render())
        } catch let missing as ViewNotFound {
            return ViewResponse.notFound(missing.message)
        } catch {
            let body = "<h1>Something went wrong</h1><p class=\"fail\" id=\"error\">\(HTMLText.escape("\(error)"))</p>"
            return ViewResponse.html(ViewPage(title: "Error", body: body).rendered(), status: .internalServerError)
        }
    }

    /// A path parameter, its percent escapes decoded (`ann%20lee` is "ann lee").
    static func parameter(_ name: String, _ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
