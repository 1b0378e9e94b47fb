import Foundation

/// Unbuffered writes to stdout and stderr that never trap: a closed pipe on stdout (`stackq … | head`) ends the
/// process quietly, as if by SIGPIPE; any other failed write (`>/dev/full`) prints one line and exits 1.
enum StandardStreams {
    /// The exit status after a closed pipe: what a shell reports for a process ended by SIGPIPE.
    static let closedPipeStatus: Int32 = 128 + SIGPIPE

    static func writeOut(_ text: String) {
        var text = text
        text.withUTF8 { writeOut(UnsafeRawBufferPointer($0)) }
    }

    static func writeOut(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { writeOut($0) }
    }

    static func writeOut(_ bytes: UnsafeRawBufferPointer) {
        if let failure = write(bytes, to: STDOUT_FILENO) {
            if failure == EPIPE { exit(closedPipeStatus) }
            writeError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
            exit(1)
        }
    }

    static func writeError(_ text: String) {
        _ = write(text, to: STDERR_FILENO)
    }

    /// Writes all of `text`; the errno of a failed write, or nil.
    static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes all of `buffer`; the errno of a failed write, or nil.
    static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard let base = buffer.baseAddress else { return nil }
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
            #else
            let written = Darwin.write(descriptor, base + offset, buffer.count - offset)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
