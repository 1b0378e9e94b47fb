import NIOCore
import StackQ
import Testing
@testable import StackQServer

@Suite struct CodecTests {
    @Test func theStartupPacketThenTypedMessages() throws {
        var decoder = FrontendMessageDecoder()
        var buffer = ByteBuffer()
        var body = ByteBuffer()
        body.writeInteger(StartupRequest.protocolVersion3)
        body.writeCString("user")
        body.writeCString("ana")
        body.writeCString("database")
        body.writeCString("stackq")
        body.writeInteger(UInt8(0))
        buffer.writeInteger(Int32(body.readableBytes + 4))
        buffer.writeBuffer(&body)
        buffer.writeMessage(UInt8(ascii: "Q")) { $0.writeCString("SELECT 1") }
        buffer.writeMessage(UInt8(ascii: "P")) { body in
            body.writeCString("s1")
            body.writeCString("SELECT $1")
            body.writeInteger(Int16(1))
            body.writeInteger(Int32(20))
        }
        buffer.writeMessage(UInt8(ascii: "B")) { body in
            body.writeCString("")
            body.writeCString("s1")
            body.writeInteger(Int16(1))
            body.writeInteger(Int16(1))
            body.writeInteger(Int16(2))
            body.writeInteger(Int32(8))
            body.writeInteger(Int64(42))
            body.writeInteger(Int32(-1))
            body.writeInteger(Int16(0))
        }
        buffer.writeMessage(UInt8(ascii: "S")) { _ in }
        #expect(try decoder.decode(buffer: &buffer) == .startup(.startup(parameters: ["user": "ana", "database": "stackq"])))
        #expect(try decoder.decode(buffer: &buffer) == .query("SELECT 1"))
        #expect(try decoder.decode(buffer: &buffer) == .parse(ParseMessage(name: "s1", query: "SELECT $1", parameterTypes: [20])))
        guard case .bind(let bind)? = try decoder.decode(buffer: &buffer) else {
            Issue.record("expected Bind")
            return
        }
        #expect(bind.statement == "s1")
        #expect(bind.parameters.count == 2)
        #expect(try ParameterDecoding.value(bind.parameters[0], type: 20, format: .binary) == .integer(42))
        #expect(bind.parameters[1] == nil)
        #expect(try decoder.decode(buffer: &buffer) == .sync)
        #expect(try decoder.decode(buffer: &buffer) == nil)
    }

    @Test func aPartialMessageWaitsForTheRest() throws {
        var decoder = FrontendMessageDecoder()
        var whole = ByteBuffer()
        whole.writeInteger(Int32(8))
        whole.writeInteger(StartupRequest.sslCode)
        var part = whole.getSlice(at: 0, length: 5)!
        #expect(try decoder.decode(buffer: &part) == nil)
        #expect(try decoder.decode(buffer: &whole) == .startup(.ssl))
    }

    @Test func anAbsurdLengthIsAProtocolError() {
        var decoder = FrontendMessageDecoder()
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(2))
        buffer.writeInteger(Int32(0))
        #expect(throws: ProtocolError.self) { try decoder.decode(buffer: &buffer) }
    }

    @Test(arguments: [
        (SQLValue.integer(42), PostgresType.int8, PostgresFormat.binary, [0, 0, 0, 0, 0, 0, 0, 42] as [UInt8]),
        (.integer(1), .bool, .binary, [1]),
        (.integer(0), .bool, .text, Array("f".utf8)),
        (.real(1.5), .float8, .text, Array("1.5".utf8)),
        (.real(2), .float8, .binary, [0x40, 0, 0, 0, 0, 0, 0, 0]),
        (.text("{\"a\":1}"), .json, .binary, Array("{\"a\":1}".utf8)),
        (.text("x"), .text, .binary, Array("x".utf8)),
    ])
    func valuesOnTheWire(value: SQLValue, type: PostgresType, format: PostgresFormat, bytes: [UInt8]) {
        var buffer = ByteBuffer()
        ColumnEncoding(type: type, format: format).write(value, into: &buffer)
        #expect(buffer.readInteger(as: Int32.self) == Int32(bytes.count))
        #expect(buffer.readBytes(length: buffer.readableBytes) == bytes)
    }

    @Test func nullIsMinusOne() {
        var buffer = ByteBuffer()
        ColumnEncoding(type: .text, format: .text).write(.null, into: &buffer)
        #expect(buffer.readInteger(as: Int32.self) == -1)
    }

    @Test func aRowDescriptionCarriesTypeOIDs() {
        var buffer = ByteBuffer()
        BackendMessage.rowDescription([FieldDescription(name: "n", type: .int8, format: .binary)]).encode(into: &buffer)
        #expect(buffer.readInteger(as: UInt8.self) == UInt8(ascii: "T"))
        #expect(buffer.readInteger(as: Int32.self) == Int32(buffer.readableBytes + 4))
        #expect(buffer.readInteger(as: Int16.self) == 1)
        #expect(buffer.readCString() == "n")
        #expect(buffer.readInteger(as: Int32.self) == 0)
        #expect(buffer.readInteger(as: Int16.self) == 0)
        #expect(buffer.readInteger(as: Int32.self) == 20)
        #expect(buffer.readInteger(as: Int16.self) == 8)
        #expect(buffer.readInteger(as: Int32.self) == -1)
        #expect(buffer.readInteger(as: Int16.self) == 1)
    }
}
