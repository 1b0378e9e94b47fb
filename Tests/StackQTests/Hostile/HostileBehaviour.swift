import Foundation
import NIOCore

/// What ``HostileServer`` answers, chosen by the project id in the path (`projects/<mode>/…`).
///
/// | mode | answer |
/// |---|---|
/// | `good` | two sessions (a get: one; an id starting `missing` is 404) |
/// | `retry-after-X` | first request 503 with `Retry-After: X`, then `good` |
/// | `html`, `empty`, `null`, `string`, `no-array`, `empty-page` | a 200 of that body |
/// | `invalid-N` | a 200 whose body is invalid JSON number N of ``invalidBodies`` |
/// | `echo-S`, `echo-json-S`, `oauth-S` | status S with a body that echoes the credential (text, Google JSON, OAuth JSON) |
/// | `ansi`, `ansi-error` | rows, or a 400 message, holding ESC and BEL |
/// | `stall`, `trickle` | headers then nothing; headers then a byte every 200 ms |
/// | `cyclic`, `repeat`, `numeric`, `endless` | page tokens a→b→a; always the same; a number; never ending |
/// | `gzip` | a gzip body that inflates past 64 MB |
/// | `redirect-to-PORT`, `redirect-same`, `redirect-loop` | redirects to another origin, once to `good`, forever |
/// | `see-other` | 303 to `good`'s list, whatever the method |
enum HostileBehaviour {
    struct Reply {
        enum Body {
            case full([UInt8])
            case stallAfterHeaders
            case trickle([UInt8], every: TimeAmount)
        }

        var status: Int
        var headers: [(String, String)]
        var body: Body

        static func json(_ text: String, status: Int = 200) -> Reply {
            Reply(status: status, headers: [("Content-Type", "application/json")], body: .full(Array(text.utf8)))
        }

        static func text(_ text: String, status: Int, contentType: String = "text/plain") -> Reply {
            Reply(status: status, headers: [("Content-Type", contentType)], body: .full(Array(text.utf8)))
        }
    }

    static let invalidBodies = [
        #"{"sessions":[{"name":"a","state":tru}]}"#,
        #"{"sessions":[{"name":"a","size":12abc}]}"#,
        #"{"sessions":[{"name":"a","size":NaN}]}"#,
        #"{"sessions":[{"k":1]}"#,
        #"{"sessions":[{"name":"a"}]} trailing"#,
    ]

    static func session(_ mode: String, _ id: String, state: String = "ACTIVE") -> String {
        #"{"name":"projects/\#(mode)/locations/l/sessions/\#(id)","state":"\#(state)"}"#
    }

    static func page(_ mode: String, _ ids: [String], next: String? = nil) -> Reply {
        var body = #"{"sessions":["# + ids.map { session(mode, $0) }.joined(separator: ",") + "]"
        if let next { body += #","nextPageToken":\#(next)"# }
        return .json(body + "}")
    }

    static func reply(to request: HostileServer.Recorded, earlierRequests: Int, server: HostileServer) -> Reply {
        let parts = request.uri.split(separator: "?", maxSplits: 1)
        let segments = parts[0].split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let query = parts.count > 1 ? String(parts[1]) : ""
        let token = query.split(separator: "&").first { $0.hasPrefix("pageToken=") }
            .map { String($0.dropFirst("pageToken=".count)).removingPercentEncoding ?? "" }
        guard segments.count >= 6, segments[1] == "projects" else { return .text("no such path", status: 404) }
        let mode = segments[2]
        let id = segments.count >= 7 ? segments[6] : nil
        let secret = request.header("Authorization").map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : $0 } ?? "(none)"
        func number(after prefix: String) -> Int? { mode.hasPrefix(prefix) ? Int(mode.dropFirst(prefix.count)) : nil }

        if mode == "operation-surrogate" {
            return .json(#"{"name":"projects/operation-surrogate/locations/l/operations/op-1","done":false,"metadata":{"note":"a lone \ud800 surrogate"}}"#)
        }
        if let id {
            if id.hasPrefix("missing") {
                return .json(#"{"error":{"code":404,"message":"session \#(id) not found","status":"NOT_FOUND"}}"#, status: 404)
            }
            return .json(session(mode, id))
        }
        if mode.hasPrefix("retry-after-") {
            guard earlierRequests == 0 else { return page(mode, ["s1"]) }
            return Reply(status: 503, headers: [("Retry-After", String(mode.dropFirst("retry-after-".count))), ("Content-Type", "application/json")],
                         body: .full(Array(#"{"error":{"code":503,"message":"busy","status":"UNAVAILABLE"}}"#.utf8)))
        }
        if let n = number(after: "invalid-") { return .json(invalidBodies[n]) }
        if let status = number(after: "echo-json-") {
            return .json(#"{"error":{"code":\#(status),"message":"the credential \#(secret) is not valid here","status":"PERMISSION_DENIED"}}"#, status: status)
        }
        if let status = number(after: "oauth-") {
            return .json(#"{"error":"invalid_grant","error_description":"credential \#(secret) was revoked"}"#, status: status)
        }
        if let status = number(after: "echo-") {
            let echoed = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            return .text("request was:\n\(echoed)\nseen \(secret)\n", status: status)
        }
        if let port = number(after: "redirect-to-") {
            return Reply(status: 302, headers: [("Location", "http://127.0.0.1:\(port)/v1/projects/good/locations/l/sessions")], body: .full([]))
        }
        switch mode {
        case "good": return page(mode, ["s1", "s2"])
        case "html": return .text("<!DOCTYPE html><html><body>Please sign in</body></html>", status: 200, contentType: "text/html")
        case "empty": return .json("")
        case "null": return .json("null")
        case "string": return .json(#""ok""#)
        case "no-array": return .json(#"{"items":[{"name":"x"}]}"#)
        case "empty-page": return .json("{}")
        case "ansi": return .json(#"{"sessions":[{"name":"x","state":"\u001b[2J\u0007FAKE\u009b31m"}]}"#)
        case "ansi-error": return .json(#"{"error":{"code":400,"message":"bad\u001b[2J\u0007 request\nerror: fake line","status":"INVALID_ARGUMENT"}}"#, status: 400)
        case "stall": return Reply(status: 200, headers: [("Content-Type", "application/json")], body: .stallAfterHeaders)
        case "trickle":
            return Reply(status: 200, headers: [("Content-Type", "application/json")],
                         body: .trickle(Array(#"{"sessions":[]}"#.utf8), every: .milliseconds(200)))
        case "cyclic":
            switch token {
            case nil: return page(mode, ["p1"], next: #""a""#)
            case "a": return page(mode, ["p2"], next: #""b""#)
            default: return page(mode, ["p3"], next: #""a""#)
            }
        case "repeat": return page(mode, ["r\(earlierRequests)"], next: #""same""#)
        case "bad-second":
            // Page 2 is not JSON (a trailing comma) but ends like a page with a token: it must fail as page 2.
            switch token {
            case nil: return page(mode, ["b1"], next: #""t2""#)
            case "t2": return .json(#"{"sessions":[\#(session(mode, "b2")),],"nextPageToken":"t3"}"#)
            default: return page(mode, ["b3"])
            }
        case "numeric":
            return token == nil ? page(mode, ["n1"], next: "2") : token == "2" ? page(mode, ["n2"]) : .text("bad token \(token ?? "")", status: 400)
        case "endless":
            let n = token.flatMap { Int($0.dropFirst()) } ?? 0
            return page(mode, ["e\(n)"], next: #""t\#(n + 1)""#)
        case "gzip":
            return Reply(status: 200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                         body: .full(GzipBomb.bytes))
        case "see-other":
            return Reply(status: 303, headers: [("Location", "/v1/projects/good/locations/l/sessions")], body: .full([]))
        case "redirect-same":
            return Reply(status: 307, headers: [("Location", "/v1/projects/good/locations/l/sessions")], body: .full([]))
        case "redirect-loop":
            return Reply(status: 302, headers: [("Location", String(parts[0]))], body: .full([]))
        default: return .text("unknown mode \(mode)", status: 400)
        }
    }
}
