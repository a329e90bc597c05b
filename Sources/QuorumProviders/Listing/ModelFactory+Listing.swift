import AsyncHTTPClient
import Foundation
import NIOCore
import QuorumCore

extension ModelFactory {
    /// Asks `config`'s provider which models its key may use, with the provider's listing call:
    /// no generation, no tokens spent. Follows pagination (at most `maxPages` pages).
    ///
    /// Throws `ListingFailure` — never a key in its message — for a missing key (nothing is sent),
    /// 401/403/404, a timeout, no connection, or an answer in the wrong format. `provider: local`
    /// has no listing here: `LocalRuntime.status(of:)` says whether it is installed and running.
    public func listModels(
        _ config: ModelConfig, baseURLOverride: URL? = nil, timeout: Duration = .seconds(15), maxPages: Int = 20
    ) async throws(ListingFailure) -> ModelListing {
        let endpoint = try listingEndpoint(config, baseURLOverride: baseURLOverride)
        let redactor = Redactor(secrets: [apiKey(for: config)].compactMap { $0 })
        var ids: [String] = []
        var cursor: String?
        for _ in 0..<maxPages {
            let body = try await fetchListingPage(endpoint.url(after: cursor), headers: endpoint.headers, timeout: timeout, redactor: redactor)
            do {
                let page = try ListingEndpoint.page(body, format: endpoint.format)
                ids += page.ids
                cursor = page.next
            } catch {
                let preview = redactor.redact(String(String(decoding: body, as: UTF8.self).prefix(120)))
                throw ListingFailure(.malformed, "not a model list: \(preview)")
            }
            if cursor == nil { break }
        }
        return ModelListing(provider: config.provider, ids: ids)
    }

    /// The listing call of `config`'s provider, with its auth header; throws `.noKey` before anything is sent.
    func listingEndpoint(_ config: ModelConfig, baseURLOverride: URL?) throws(ListingFailure) -> ListingEndpoint {
        let base: String?
        do { base = try baseURL(config, override: baseURLOverride) } catch { throw ListingFailure(.unreachable, "\(error)") }
        let key = apiKey(for: config)
        func needKey(_ header: (String) -> (String, String)) throws(ListingFailure) -> [(String, String)] {
            guard let key else { throw ListingFailure(.noKey, "no API key: set api_key or the provider's environment variable") }
            return [header(key)] + (config.headers ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        switch config.provider {
        case "anthropic":
            return ListingEndpoint(
                format: .anthropic, url: (base ?? "https://api.anthropic.com") + "/v1/models?limit=1000",
                headers: try needKey { ("x-api-key", $0) } + [("anthropic-version", "2023-06-01")])
        case "gemini":
            return ListingEndpoint(
                format: .gemini, url: (base ?? "https://generativelanguage.googleapis.com/v1beta") + "/models?pageSize=1000",
                headers: try needKey { ("x-goog-api-key", $0) })
        case "azure":
            guard let base else { throw ListingFailure(.notFound, "azure needs base_url (https://RESOURCE.openai.azure.com)") }
            return ListingEndpoint(
                format: .openAI, url: "\(base)/openai/models?api-version=\(config.apiVersion ?? "2024-10-21")",
                headers: try needKey { ("api-key", $0) })
        default:
            let presetName = config.provider == "local" ? "llamacpp" : config.provider
            guard let preset = ProviderPreset.all[presetName] else {
                throw ListingFailure(.notFound, "unknown provider '\(config.provider)'")
            }
            let isCustomServer = config.provider == "openai" && base != nil
            let headers: [(String, String)]
            if preset.requiresKey && !isCustomServer {
                headers = try needKey { ("authorization", "Bearer \($0)") }
            } else {
                headers = key.map { [("authorization", "Bearer \($0)")] } ?? []
            }
            return ListingEndpoint(format: .openAI, url: (base ?? preset.baseURL) + "/models", headers: headers)
        }
    }

    private func fetchListingPage(
        _ url: String, headers: [(String, String)], timeout: Duration, redactor: Redactor
    ) async throws(ListingFailure) -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "accept", value: "application/json")
        request.headers.add(name: "user-agent", value: "quorum/0.1")
        let status: Int
        let body: ByteBuffer
        do {
            let response = try await clients.shared.execute(request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: 16 << 20)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw ListingFailure(.timeout, "no answer within \(timeout)")
        } catch {
            throw ListingFailure(.unreachable, redactor.redact("\(error)"))
        }
        let data = Data(body.readableBytesView)
        guard (200..<300).contains(status) else {
            let reason = redactor.redact(Self.errorMessage(in: data) ?? "no reason given")
            let kind: ListingFailure.Kind = switch status {
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            default: .httpError
            }
            throw ListingFailure(kind, status: status, reason)
        }
        return data
    }

    /// The vendor's own error sentence: `{"error": {"message": …}}` (OpenAI, Anthropic, Gemini alike).
    static func errorMessage(in data: Data) -> String? {
        struct Envelope: Decodable {
            struct Inner: Decodable { var message: String? }
            var error: Inner?
        }
        if let message = (try? JSONDecoder().decode(Envelope.self, from: data))?.error?.message { return String(message.prefix(200)) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(200))
    }
}
