import Hummingbird
import NIOCore
import StackQ

extension EmulatorStore {
    /// One page of a collection the way GitHub serves lists: a top-level JSON array, `page` (1-based) and
    /// `per_page` (default 30, at most 100) in the query, and a `Link` header pointing at the next page.
    func listLinkPaged(collection: String, page pageText: String?, perPage perPageText: String?, url: String)
        throws(APIError) -> (body: ByteBuffer, link: String?)
    {
        let page = Int(pageText ?? "1") ?? 0
        let perPage = Int(perPageText ?? "30") ?? 0
        guard page >= 1, perPage >= 1 else {
            throw .invalidArgument("page and per_page must be positive integers.")
        }
        let items = collections[collection]?.items ?? []
        let size = min(perPage, 100)
        let start = min(items.count, (page - 1) * size)
        let end = min(items.count, start + size)
        var out = ByteBufferAllocator().buffer(capacity: 64)
        out.writeInteger(UInt8(ascii: "["))
        for index in start..<end {
            if index > start { out.writeInteger(UInt8(ascii: ",")) }
            out.writeBytes(items[index].bytes)
        }
        out.writeInteger(UInt8(ascii: "]"))
        guard end < items.count else { return (out, nil) }
        let base = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let last = (items.count + size - 1) / size
        return (out, "<\(base)?per_page=\(size)&page=\(page + 1)>; rel=\"next\", <\(base)?per_page=\(size)&page=\(last)>; rel=\"last\"")
    }
}

extension EmulatorResponder {
    /// A list whose method pages with a response header (GitHub's `Link`): a top-level array and the header.
    func linkPagedList(_ match: RouteTable.Match, request: Request, methodName: String) async throws -> Response {
        let query = FormDecoding.decode(request.uri.query ?? "")
        let host = request.head.authority ?? "127.0.0.1"
        let (body, link) = try await store.listLinkPaged(collection: match.resourceName, page: query["page"],
                                                         perPage: query["per_page"], url: "http://\(host)\(request.uri.path)")
        await store.record(method: methodName, status: 200)
        var response = EmulatorResponder.json(status: 200, buffer: body)
        if let link, let name = HTTPFields.Element.Name("Link") { response.headers[name] = link }
        return response
    }
}
