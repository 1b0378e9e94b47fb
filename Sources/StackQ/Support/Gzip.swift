import CZlib
import Foundation

/// gzip for the bundled registry: service documents ship as `<service>.json.gz` (a tenth of their size).
enum Gzip {
    /// A stream that is not gzip or zlib data, or ends early: what zlib said.
    struct Error: Swift.Error, CustomStringConvertible {
        var description: String
    }

    /// True when `data` starts with gzip's magic bytes.
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The bytes `data` (gzip or zlib) holds, at most `limit` of them.
    ///
    /// - Throws: ``Error`` for data that is not a complete stream, or that expands past `limit` (a bomb).
    static func decompress(_ data: Data, limit: Int = 1 << 30) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Error(description: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data(count: max(data.count * 8, 1 << 16))
        var produced = 0
        var status = Z_OK
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while status != Z_STREAM_END {
                if produced == output.count {
                    guard output.count < limit else { throw Error(description: "expands past \(limit) bytes") }
                    output.count = min(output.count * 2, limit)
                }
                status = output.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Int32 in
                    stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress! + produced
                    stream.avail_out = uInt(buffer.count - produced)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    produced = buffer.count - Int(stream.avail_out)
                    return result
                }
                if status == Z_BUF_ERROR, stream.avail_in == 0 { throw Error(description: "the stream ends early") }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw Error(description: stream.msg.map { String(cString: $0) } ?? String(cString: zError(status)))
                }
            }
        }
        output.count = produced
        return output
    }

    /// `data` as a gzip stream (best compression).
    static func compress(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Error(description: "zlib could not start")
        }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        let status = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(buffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Error(description: "compression did not finish (\(status))") }
        output.count = Int(stream.total_out)
        return output
    }
}
