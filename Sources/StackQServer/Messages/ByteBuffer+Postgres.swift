import NIOCore

extension ByteBuffer {
    /// Reads a NUL-terminated UTF-8 string (PostgreSQL's `String`); nil when there is no terminator.
    mutating func readCString() -> String? {
        guard let terminator = readableBytesView.firstIndex(of: 0) else { return nil }
        let length = terminator - readerIndex
        let string = readString(length: length)
        moveReaderIndex(forwardBy: 1)
        return string
    }

    /// Writes `string` followed by a NUL byte.
    mutating func writeCString(_ string: String) {
        writeString(string)
        writeInteger(UInt8(0))
    }

    /// Writes a message: its type byte, then a length that counts itself and the body `body` writes.
    mutating func writeMessage(_ type: UInt8, _ body: (inout ByteBuffer) -> Void) {
        writeInteger(type)
        let lengthIndex = writerIndex
        writeInteger(Int32(0))
        body(&self)
        setInteger(Int32(writerIndex - lengthIndex), at: lengthIndex)
    }
}
