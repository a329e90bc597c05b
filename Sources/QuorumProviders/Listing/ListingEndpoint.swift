import Foundation
import QuorumCore

/// Where and how a provider lists its models, in its own wire format:
/// OpenAI-compatible `GET {root}/models` → `{"data": [{"id": …}]}`;
/// Azure `GET {resource}/openai/models?api-version=V` (header `api-key`) → the same shape;
/// Anthropic `GET /v1/models` (`x-api-key`, `anthropic-version`) → `{"data": [{"id"}], "has_more", "last_id"}`;
/// Gemini `GET /v1beta/models` (`x-goog-api-key`) → `{"models": [{"name": "models/…"}], "nextPageToken"}`.
struct ListingEndpoint: Sendable {
    enum Format: Sendable { case openAI, anthropic, gemini }

    var format: Format
    /// The first page's URL; later pages add the vendor's cursor.
    var url: String
    var headers: [(String, String)]

    /// The URL of the page after `cursor` (Anthropic's `last_id`, Gemini's `nextPageToken`).
    func url(after cursor: String?) -> String {
        guard let cursor, let escaped = cursor.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) else { return url }
        let separator = url.contains("?") ? "&" : "?"
        switch format {
        case .openAI: return url
        case .anthropic: return url + separator + "after_id=" + escaped
        case .gemini: return url + separator + "pageToken=" + escaped
        }
    }

    /// One page: the ids on it and the cursor of the next page, if any.
    static func page(_ data: Data, format: Format) throws -> (ids: [String], next: String?) {
        struct Listed: Decodable { var id: String }
        struct DataPage: Decodable {
            var data: [Listed]
            var has_more: Bool?
            var last_id: String?
        }
        struct GeminiModel: Decodable { var name: String }
        struct GeminiPage: Decodable {
            var models: [GeminiModel]?
            var nextPageToken: String?
        }
        switch format {
        case .openAI:
            return (try JSONDecoder().decode(DataPage.self, from: data).data.map(\.id), nil)
        case .anthropic:
            let page = try JSONDecoder().decode(DataPage.self, from: data)
            return (page.data.map(\.id), page.has_more == true ? page.last_id : nil)
        case .gemini:
            let page = try JSONDecoder().decode(GeminiPage.self, from: data)
            let ids = (page.models ?? []).map { $0.name.hasPrefix("models/") ? String($0.name.dropFirst(7)) : $0.name }
            return (ids, page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}
