import Foundation
import Synchronization

/// Unbuffered writes to stdout and stderr that never trap: a closed pipe on stdout (`stackq … | head`) ends the
/// process quietly, as if by SIGPIPE; a closed standard output (`stackq … >&-`) says so; any other failed write
/// (`>/dev/full`) prints one line and exits 1.
package enum StandardStreams {
    /// The exit status after a closed pipe: what a shell reports for a process ended by SIGPIPE.
    package static let closedPipeStatus: Int32 = 128 + SIGPIPE

    /// Whether standard output was closed when stackq started.
    package static let outputClosed = Atomic<Bool>(false)

    /// Opens `/dev/null` on standard input, output or error where one is closed, so that no file or socket stackq
    /// opens later takes its number (and gets the results written into it, or fails them with "Invalid
    /// argument"); a closed standard output is remembered, and the first result says so. Call it first thing.
    package static func reserveClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if descriptor == STDOUT_FILENO { outputClosed.store(true, ordering: .relaxed) }
        }
    }

    package static func writeOut(_ text: String) {
        var text = text
        text.withUTF8 { writeOut(UnsafeRawBufferPointer($0)) }
    }

    package static func writeOut(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { writeOut($0) }
    }

    package static func writeOut(_ bytes: UnsafeRawBufferPointer) {
        if outputClosed.load(ordering: .relaxed) { failOutput(EBADF) }
        if let failure = write(bytes, to: STDOUT_FILENO) { failOutput(failure) }
    }

    /// Ends the process after a failed write to standard output: quietly for a closed pipe, else in one line.
    private static func failOutput(_ failure: Int32) -> Never {
        if failure == EPIPE { exit(closedPipeStatus) }
        let reason = failure == EBADF ? "standard output is closed" : "cannot write to standard output: \(String(cString: strerror(failure)))"
        writeError("error: \(reason)\n")
        exit(1)
    }

    package static func writeError(_ text: String) {
        _ = write(text, to: STDERR_FILENO)
    }

    /// Writes all of `text`; the errno of a failed write, or nil.
    package static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes all of `buffer`; the errno of a failed write, or nil.
    package static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
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
