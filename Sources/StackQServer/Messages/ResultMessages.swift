import NIOCore
import StackQ

/// One column of a RowDescription.
struct FieldDescription: Sendable, Hashable {
    var name: String
    var type: PostgresType
    var format: PostgresFormat
    /// The table and column the value comes from (`pg_class.oid`, `attnum`); 0 when it is an expression.
    var tableOID: Int32 = 0
    var columnNumber: Int16 = 0

    func encode(into body: inout ByteBuffer) {
        body.writeCString(name)
        body.writeInteger(tableOID)
        body.writeInteger(columnNumber)
        body.writeInteger(type.rawValue)
        body.writeInteger(type.size)
        body.writeInteger(Int32(-1))
        body.writeInteger(format.rawValue)
    }
}

/// DataRow messages for a run of rows, encoded straight from the engine's values into one buffer.
struct DataRows: Sendable, Hashable {
    var rows: [[SQLValue]]
    var encodings: [ColumnEncoding]

    func encode(into buffer: inout ByteBuffer) {
        for row in rows {
            buffer.writeMessage(UInt8(ascii: "D")) { body in
                body.writeInteger(Int16(row.count))
                for (index, value) in row.enumerated() {
                    let encoding = index < encodings.count ? encodings[index] : ColumnEncoding(type: .text, format: .text)
                    encoding.write(value, into: &body)
                }
            }
        }
    }
}

/// The transaction status ReadyForQuery reports.
enum TransactionStatus: UInt8, Sendable {
    case idle = 73 // I
    case inTransaction = 84 // T
    case failed = 69 // E
}
