import Foundation

/// Unbuffered writes to stdout and stderr that never trap: a closed pipe on stdout (`stackq … | head`) ends the
/// process quietly, as if by SIGPIPE; any other failed write (`>/dev/full`) prints one line and exits 1.
enum StandardStreams {
    /// The exit status after a closed pipe: what a shell reports for a process ended by SIGPIPE.
    static let closedPipeStatus: Int32 = 128 + SIGPIPE

    static func writeOut(_ text: String) {
        if let failure = write(text, to: STDOUT_FILENO) {
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
        return text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
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
}
