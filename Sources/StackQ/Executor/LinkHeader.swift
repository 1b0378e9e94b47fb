import Foundation
/// RFC 8288 `Link` headers, as GitHub pages with them: `<https://…?page=2>; rel="next", <…>; rel="last"`.
enum LinkHeader {
    /// The target of the `rel="next"` link, or nil on the last page.
    static func next(in value: String) -> String? {
        for link in value.split(separator: ",") {
            let parts = link.split(separator: ";").map { String($0).trimmingWhitespace() }
            guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            var isNext = false
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
                let relations = pair[1].replacingOccurrences(of: "\"", with: "").split(separator: " ")
                if relations.contains(where: { $0.lowercased() == "next" }) { isNext = true }
            }
            if isNext { return String(target.dropFirst().dropLast()) }
        }
        return nil
    }
}
