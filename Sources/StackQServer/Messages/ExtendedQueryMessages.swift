import NIOCore

/// Parse: prepare `query` under `name` ("" for the unnamed statement), with the parameter types the client fixed.
struct ParseMessage: Sendable, Hashable {
    var name: String
    var query: String
    var parameterTypes: [Int32]
}

/// Bind: make portal `portal` from statement `statement` with these parameter values and result formats.
struct BindMessage: Sendable, Hashable {
    var portal: String
    var statement: String
    /// One format for all, one per parameter, or none (all text).
    var parameterFormats: [PostgresFormat]
    /// Each value's bytes, nil for NULL.
    var parameters: [ByteBuffer?]
    /// One format for all columns, one per column, or none (all text).
    var resultFormats: [PostgresFormat]
}

/// What Describe and Close name: a prepared statement or a portal.
enum DescribeTarget: Sendable, Hashable {
    case statement(String)
    case portal(String)
}

/// Execute: run portal `portal`, returning at most `maxRows` rows (0: all).
struct ExecuteMessage: Sendable, Hashable {
    var portal: String
    var maxRows: Int32
}

/// A value's wire format: text (0) or binary (1).
enum PostgresFormat: Int16, Sendable, Hashable {
    case text = 0
    case binary = 1

    /// The format of item `index` of `count` given PostgreSQL's rule: none means text, one applies to all.
    static func format(at index: Int, in formats: [PostgresFormat]) -> PostgresFormat {
        switch formats.count {
        case 0: return .text
        case 1: return formats[0]
        default: return index < formats.count ? formats[index] : .text
        }
    }
}

extension ParseMessage {
    static func decode(_ body: inout ByteBuffer) throws -> ParseMessage {
        guard let name = body.readCString(), let query = body.readCString(), let count: Int16 = body.readInteger(),
              count >= 0, let types = body.readMultipleIntegers(as: Int32.self, count: Int(count)) else {
            throw ProtocolError(message: "malformed Parse")
        }
        return ParseMessage(name: name, query: query, parameterTypes: types)
    }
}

extension BindMessage {
    static func decode(_ body: inout ByteBuffer) throws -> BindMessage {
        guard let portal = body.readCString(), let statement = body.readCString(),
              let formats = readFormats(&body), let count: Int16 = body.readInteger(), count >= 0 else {
            throw ProtocolError(message: "malformed Bind")
        }
        var parameters: [ByteBuffer?] = []
        parameters.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length: Int32 = body.readInteger() else { throw ProtocolError(message: "malformed Bind parameter") }
            if length < 0 {
                parameters.append(nil)
            } else {
                guard let value = body.readSlice(length: Int(length)) else { throw ProtocolError(message: "Bind parameter cut short") }
                parameters.append(value)
            }
        }
        guard let resultFormats = readFormats(&body) else { throw ProtocolError(message: "malformed Bind result formats") }
        return BindMessage(portal: portal, statement: statement, parameterFormats: formats, parameters: parameters,
                           resultFormats: resultFormats)
    }

    private static func readFormats(_ body: inout ByteBuffer) -> [PostgresFormat]? {
        guard let count: Int16 = body.readInteger(), count >= 0,
              let codes = body.readMultipleIntegers(as: Int16.self, count: Int(count)) else { return nil }
        let formats = codes.compactMap(PostgresFormat.init(rawValue:))
        return formats.count == codes.count ? formats : nil
    }
}

extension DescribeTarget {
    static func decode(_ body: inout ByteBuffer, message: String) throws -> DescribeTarget {
        guard let kind: UInt8 = body.readInteger(), let name = body.readCString() else {
            throw ProtocolError(message: "malformed \(message)")
        }
        switch kind {
        case UInt8(ascii: "S"): return .statement(name)
        case UInt8(ascii: "P"): return .portal(name)
        default: throw ProtocolError(message: "\(message) of unknown kind \(kind)")
        }
    }
}

extension ExecuteMessage {
    static func decode(_ body: inout ByteBuffer) throws -> ExecuteMessage {
        guard let portal = body.readCString(), let maxRows: Int32 = body.readInteger() else {
            throw ProtocolError(message: "malformed Execute")
        }
        return ExecuteMessage(portal: portal, maxRows: maxRows)
    }
}

extension ByteBuffer {
    /// Reads `count` big-endian integers; nil when the buffer holds fewer.
    mutating func readMultipleIntegers<T: FixedWidthInteger>(as: T.Type, count: Int) -> [T]? {
        guard readableBytes >= count * MemoryLayout<T>.size else { return nil }
        return (0..<count).map { _ in readInteger(as: T.self)! }
    }
}
