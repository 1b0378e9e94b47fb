// EmulatorBench: how many list pages per second the emulator serves over loopback.
//
// Starts the emulator in-process with generated Dataproc sessions (about 700 bytes each), then C concurrent
// clients (AsyncHTTPClient, keep-alive connections) each page through the whole collection R times, following
// nextPageToken. Prints pages/s, items/s and MB/s of response bodies. A first, untimed pass checks that paging
// returns every session once (items are counted there; timed passes only follow the tokens).
//
//   swift run -c release EmulatorBench [--sessions 10000] [--page-size 100] [--concurrency 4] [--rounds 10]
//
// To see the server's own cost, run the two halves as separate processes and compare the server's CPU time
// (/proc/PID/stat) with the pages served:
//
//   EmulatorBench --serve                 # prints the base URL, serves until killed
//   EmulatorBench --url http://127.0.0.1:PORT [--rounds 20]
import AsyncHTTPClient
import Foundation
import NIOCore
import StackQ
import StackQEmulator
import NIOHTTP1

struct Options {
    var sessions = 10_000
    var pageSize = 100
    var concurrency = 4
    var rounds = 10
    /// Only serve (print the URL and wait), for a client in another process.
    var serveOnly = false
    /// Only fetch, from an emulator already running at this URL.
    var url: String?

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--serve" {
                serveOnly = true
                continue
            }
            if argument == "--url" {
                url = iterator.next()
                continue
            }
            guard let value = iterator.next().flatMap(Int.init), value > 0 else {
                fatalError("usage: EmulatorBench [--sessions N] [--page-size N] [--concurrency N] [--rounds N]")
            }
            switch argument {
            case "--sessions": sessions = value
            case "--page-size": pageSize = value
            case "--concurrency": concurrency = value
            case "--rounds": rounds = value
            default: fatalError("unknown option \(argument)")
            }
        }
    }
}

struct Totals {
    var pages = 0
    var items = 0
    var bytes = 0

    static func + (a: Totals, b: Totals) -> Totals {
        Totals(pages: a.pages + b.pages, items: a.items + b.items, bytes: a.bytes + b.bytes)
    }
}

/// Counts `"name":"projects/` occurrences: the items of a sessions page, without parsing it.
func countItems(_ buffer: ByteBuffer) -> Int {
    let needle = Array("\"name\":\"projects/".utf8)
    return buffer.withUnsafeReadableBytes { bytes in
        var count = 0
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == needle[0] {
                var offset = 1
                while offset < needle.count && bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count {
                    count += 1
                    index += offset
                    continue
                }
            }
            index += 1
        }
        return count
    }
}

/// Pages through the collection once; returns what it fetched.
func pageThrough(client: HTTPClient, baseURL: String, token: String, pageSize: Int, countingItems: Bool = false)
    async throws -> Totals
{
    var totals = Totals()
    var pageToken: String?
    repeat {
        var url = "\(baseURL)/v1/projects/demo/locations/us-central1/sessions?pageSize=\(pageSize)"
        if let pageToken { url += "&pageToken=\(pageToken)" }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        guard response.status == .ok else {
            fatalError("HTTP \(response.status.code): \(String(buffer: body))")
        }
        totals.pages += 1
        totals.bytes += body.readableBytes
        if countingItems { totals.items += countItems(body) }
        pageToken = nextPageToken(body)
    } while pageToken != nil
    return totals
}

/// The `nextPageToken` at the end of a page (it is the last member), found in the page's last bytes.
func nextPageToken(_ buffer: ByteBuffer) -> String? {
    let marker = Array("\"nextPageToken\":\"".utf8)
    return buffer.withUnsafeReadableBytes { bytes -> String? in
        let tailStart = max(0, bytes.count - 256)
        var index = bytes.count - marker.count
        while index >= tailStart {
            if bytes[index] == marker[0] && zip(marker.indices, marker).allSatisfy({ bytes[index + $0] == $1 }) {
                let start = index + marker.count
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            index -= 1
        }
        return nil
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let token = "bench-token"
var emulator: Emulator?
let generation: Duration
let baseURL: String
if let url = options.url {
    generation = .zero
    baseURL = url
} else {
    let registryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("providers")
    let registry = Registry(root: registryRoot, cacheDirectory: nil)
    let dataproc = try registry.service(provider: "google", name: "dataproc")
    let server = Emulator(services: [dataproc], configuration: EmulatorConfiguration(
        staticTokens: [token], defaultPageSize: options.pageSize, maximumPageSize: max(1000, options.pageSize)))
    let generationStart = ContinuousClock.now
    await server.generate(GenerateSpec(sessions: options.sessions))
    generation = ContinuousClock.now - generationStart
    baseURL = try await server.start().absoluteString
    emulator = server
    if options.serveOnly {
        FileHandle.standardOutput.write(Data((baseURL + "\n").utf8))
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}

var configuration = HTTPClient.Configuration()
configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = options.concurrency
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)

let pass = try await pageThrough(client: client, baseURL: baseURL, token: token, pageSize: options.pageSize,
                                 countingItems: true)
guard pass.items == options.sessions else { fatalError("one pass listed \(pass.items) of \(options.sessions) sessions") }
let start = ContinuousClock.now
let totals = try await withThrowingTaskGroup(of: Totals.self) { group in
    for _ in 0..<options.concurrency {
        group.addTask {
            var totals = Totals()
            for _ in 0..<options.rounds {
                totals = totals + (try await pageThrough(client: client, baseURL: baseURL, token: token,
                                                         pageSize: options.pageSize))
                totals.items += options.sessions
            }
            return totals
        }
    }
    var sum = Totals()
    for try await part in group { sum = sum + part }
    return sum
}
let elapsed = ContinuousClock.now - start
try await client.shutdown().get()
await emulator?.stop()

let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let generationSeconds = Double(generation.components.seconds) + Double(generation.components.attoseconds) / 1e18
print("EmulatorBench: \(options.sessions) sessions generated in \(String(format: "%.0f", generationSeconds * 1000)) ms")
print("  \(options.concurrency) keep-alive clients × \(options.rounds) rounds, pageSize \(options.pageSize): "
      + "\(totals.pages) pages, \(totals.items) items, \(String(format: "%.1f", Double(totals.bytes) / 1e6)) MB "
      + "in \(String(format: "%.3f", seconds)) s")
print("  \(String(format: "%.0f", Double(totals.pages) / seconds)) pages/s, "
      + "\(String(format: "%.0f", Double(totals.items) / seconds)) items/s, "
      + "\(String(format: "%.1f", Double(totals.bytes) / 1e6 / seconds)) MB/s")
