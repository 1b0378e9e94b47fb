// TransportBench: the floor of a paginated list: one process fetches the same pages in turn, several ways (stackq's
// transport, async-http-client two ways, a bare NIO channel), against a `stackq emulator` started beforehand.
//
//   stackq emulator --port 0 --service google.dataproc --token bench --generate sessions=10000 --page-size 100 --max-page-size 100 &
//   .build/release/TransportBench http://127.0.0.1:PORT [runs]
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOHTTPCompression
import StackQ

let arguments = CommandLine.arguments
guard arguments.count > 1 else { print("usage: TransportBench URL [runs]"); exit(2) }
let base = arguments[1].hasSuffix("/") ? String(arguments[1].dropLast()) : arguments[1]
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let path = "/v1/projects/demo/locations/us-central1/sessions"

func token(in body: ByteBuffer) -> String? {
    // The emulator writes nextPageToken last: search back from the end for `"nextPageToken":"`.
    body.withUnsafeReadableBytes { raw -> String? in
        let key = Array("\"nextPageToken\":\"".utf8)
        var i = raw.count - key.count
        while i >= 0 {
            if raw[i] == key[0], zip(key.indices, key).allSatisfy({ raw[i + $0] == $1 }) {
                let start = i + key.count
                var end = start
                while raw[end] != UInt8(ascii: "\"") { end += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self)
            }
            if raw.count - i > 400 { return nil }
            i -= 1
        }
        return nil
    }
}

func url(_ token: String?) -> String {
    base + path + "?prettyPrint=false" + (token.map { "&pageToken=\($0)" } ?? "")
}

func time(_ label: String, _ body: () async throws -> Int) async throws {
    _ = try await body()
    var samples: [Double] = []
    var pages = 0
    for _ in 0..<runs {
        let start = ContinuousClock.now
        pages = try await body()
        let elapsed = ContinuousClock.now - start
        samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    samples.sort()
    print(String(format: "%@: %d pages, median %.1f ms (%.3f ms a page)", label, pages, samples[samples.count / 2],
                 samples[samples.count / 2] / Double(pages)))
}

let headers = [("Authorization", "Bearer bench"), ("User-Agent", "bench")]

// 1. stackq's transport, as the engine calls it.
let transport = AsyncHTTPTransport(connectionsPerHost: 1)
try await time("AsyncHTTPTransport.send") {
    var next: String? = nil
    var pages = 0
    repeat {
        let response = try await transport.send(HTTPRequest(method: "GET", url: url(next), headers: headers, body: nil), timeout: .seconds(30))
        pages += 1
        next = token(in: response.body)
    } while next != nil
    return pages
}

// 2. async-http-client's execute + collect, no deadline task group.
var configuration = HTTPClient.Configuration()
configuration.decompression = .enabled(limit: .none)
configuration.redirectConfiguration = .disallow
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
try await time("HTTPClient.execute + collect") {
    var next: String? = nil
    var pages = 0
    repeat {
        var request = HTTPClientRequest(url: url(next))
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        pages += 1
        next = token(in: body)
    } while next != nil
    return pages
}

// 3. async-http-client's future API with its accumulator.
try await time("HTTPClient.execute(request:) future") {
    var next: String? = nil
    var pages = 0
    repeat {
        var request = try HTTPClient.Request(url: url(next))
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request: request).get()
        pages += 1
        next = token(in: response.body!)
    } while next != nil
    return pages
}

// 4. a bare NIO channel with HTTPClientCodec: one promise a request, awaited from async code.
final class Collector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    var promise: EventLoopPromise<ByteBuffer>?
    var body = ByteBuffer()
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: body.clear()
        case .body(var part): body.writeBuffer(&part)
        case .end: promise?.succeed(body); promise = nil
        }
    }
}
let components = URLComponents(string: base)!
let collector = Collector()
let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHTTPClientHandlers()
            try channel.pipeline.syncOperations.addHandler(collector)
        }
    }
    .connect(host: components.host!, port: components.port!).get()
try await time("bare NIO channel, promise a request") {
    var next: String? = nil
    var pages = 0
    repeat {
        let target = url(next).dropFirst(base.count)
        let body = try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<ByteBuffer> in
            let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
            collector.promise = promise
            var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: String(target))
            head.headers.add(name: "Host", value: "\(components.host!):\(components.port!)")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            return promise.futureResult
        }.get()
        pages += 1
        next = token(in: body)
    } while next != nil
    return pages
}
try await channel.close()
try await transport.shutdown()
try await client.shutdown()
