import Foundation
import Hummingbird
import StackQ

/// Google's Discovery service, for the documents in ``EmulatorConfiguration/discoveryDocuments``: the directory
/// list (`GET /discovery/v1/apis`) and each document (`GET /discovery/v1/apis/{api}/{version}/rest`).
extension EmulatorResponder {
    static let discoveryPrefix = "/discovery/v1/apis"

    func discovery(path: String, host: String) -> Response {
        let documents = configuration.discoveryDocuments.compactMap { url -> (api: String, version: String, url: URL, document: JSONValue)? in
            guard let data = try? Data(contentsOf: url), let document = try? JSONValue(parsing: data),
                  let api = document["name"]?.stringValue, let version = document["version"]?.stringValue else { return nil }
            return (api, version, url, document)
        }
        if path == Self.discoveryPrefix || path == Self.discoveryPrefix + "/" {
            let items: [JSONValue] = documents.map { item in
                let id = "\(item.api):\(item.version)"
                return .object([
                    ("kind", .string("discovery#directoryItem")),
                    ("id", .string(id)),
                    ("name", .string(item.api)),
                    ("version", .string(item.version)),
                    ("title", item.document["title"] ?? .null),
                    ("description", item.document["description"] ?? .null),
                    ("discoveryRestUrl", .string("http://\(host)\(Self.discoveryPrefix)/\(item.api)/\(item.version)/rest")),
                    ("preferred", .bool(!configuration.discoveryNotPreferred.contains(id))),
                ])
            }
            let list = JSONValue.object([("kind", .string("discovery#directoryList")),
                                         ("discoveryVersion", .string("v1")), ("items", .array(items))])
            return Self.json(status: 200, Array(list.serialized().utf8))
        }
        let parts = path.dropFirst(Self.discoveryPrefix.count).split(separator: "/").map(String.init)
        if parts.count == 3, parts[2] == "rest",
           let found = documents.first(where: { $0.api == parts[0] && $0.version == parts[1] }),
           let bytes = try? Data(contentsOf: found.url) {
            return Self.json(status: 200, Array(bytes))
        }
        let error = APIError.notFound("Requested entity was not found.")
        return Self.json(status: error.code, error.body)
    }
}
