import Foundation
import StackQ

/// Resources to load into an ``Emulator``, by collection.
///
/// The file form (`stackq emulator --seed FILE`) is one JSON object whose `resources` member maps a collection
/// path to an array of resources, each with a full `name` inside that collection (or, as Compute names
/// resources, just its id: `{"name": "vm-1"}` in `projects/p/zones/us-central1-a/instances`):
///
/// ```json
/// {"resources": {
///   "projects/demo/locations/us-central1/sessions": [
///     {"name": "projects/demo/locations/us-central1/sessions/etl-1", "state": "ACTIVE", "labels": {"env": "prod"}}
///   ]
/// }}
/// ```
/// Resources are stored exactly as given (the emulator fills no fields in) and listed in file order.
public struct SeedData: Sendable {
    /// Collection path → resources, in document order.
    public var collections: [(collection: String, items: [JSONValue])]

    /// A seed of these collections, each a collection path and its resources in order.
    public init(collections: [(collection: String, items: [JSONValue])]) {
        self.collections = collections
    }

    /// Reads the seed document shape described above.
    ///
    /// - Throws: ``SeedError`` when `resources` is missing or a collection is not an array of objects.
    public init(json: JSONValue) throws {
        guard case .object(let members) = json["resources"] ?? .null else {
            throw SeedError(message: "the document needs a \"resources\" object mapping collection paths to arrays")
        }
        var collections: [(collection: String, items: [JSONValue])] = []
        for (collection, value) in members {
            guard case .array(let items) = value else {
                throw SeedError(message: "\"\(collection)\" must map to an array of resources")
            }
            for item in items {
                guard case .object = item else { throw SeedError(message: "an item of \(collection) is not an object") }
            }
            collections.append((collection.trimmingCharacters(in: CharacterSet(charactersIn: "/")), items))
        }
        self.init(collections: collections)
    }

    /// Reads a seed file.
    ///
    /// - Throws: the file system's error, ``StackQ/JSONParseError`` or ``SeedError``.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw SeedError(message: "\(url.path): \(error)")
        }
        try self.init(json: json)
    }
}
