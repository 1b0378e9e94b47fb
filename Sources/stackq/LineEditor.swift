import CEditLine
import Dispatch
import Foundation

/// The shell's line editor: libedit (BSD editline) in emacs mode, with the shell's history, Tab completion and
/// Ctrl-C handling.
///
/// Keys are libedit's emacs bindings (arrows, Ctrl-A/E/K/U/Y, Alt-B/F) plus Ctrl-R for reverse search, Ctrl-W to
/// delete the word before the cursor and Tab to complete; `~/.editrc` can rebind them. Ctrl-C while editing drops
/// the line (``Input/interrupted``), Ctrl-D on an empty line ends the input.
///
/// libedit reads through ``readCharacter(into:)``, which polls the terminal and the wake pipe of
/// ``ShellInterrupts`` together, so a Ctrl-C, a resize or a resumption after Ctrl-Z reaches the editor whatever
/// thread the signal hit.
final class LineEditor: @unchecked Sendable {
    // Unchecked Sendable: every use of `editLine`, `history` and the mutable properties happens on `queue`
    // (`readLine` and `addHistory` hop onto it; libedit calls the prompt, read and completion functions from
    // inside `el_gets`, which runs on it), so no two threads ever touch them at once.

    /// What one read gave.
    enum Input: Equatable {
        /// A line, without its newline (a recalled multi-line entry comes back whole, newlines inside).
        case line(String)
        /// Ctrl-C: the line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the end of the terminal.
        case endOfInput
    }

    private let queue = DispatchQueue(label: "stackq.line-editor")
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let wakeDescriptor: Int32
    private let inputDescriptor: Int32 = STDIN_FILENO
    private var promptText: UnsafeMutablePointer<CChar> = strdup("")
    private var interrupted = false
    private var completer: (@Sendable (_ before: String, _ after: String) -> Completion)?
    private var completionContext = ""

    /// - Parameters:
    ///   - historySize: how many entries Up can reach.
    ///   - wakeDescriptor: a pipe that delivers `I` (Ctrl-C) and `W` (resize) bytes.
    init(historySize: Int, wakeDescriptor: Int32) throws {
        if setlocale(LC_CTYPE, "") == nil || String(cString: setlocale(LC_CTYPE, nil)) == "C" {
            // Without a UTF-8 locale libedit would split every non-ASCII character into bytes.
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard let editLine = stackq_el_init("stackq") else {
            throw ShellError("cannot start the line editor (libedit's el_init failed)")
        }
        guard let history = history_init() else {
            el_end(editLine)
            throw ShellError("cannot start the line editor's history (libedit's history_init failed)")
        }
        self.editLine = editLine
        self.history = history
        self.wakeDescriptor = wakeDescriptor
        stackq_history_set_size(history, Int32(clamping: historySize))
        stackq_history_set_unique(history, 1)
        stackq_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        stackq_el_set_editor(editLine, "emacs")
        stackq_el_set_signal(editLine, 0)
        stackq_el_keep_noflsh(editLine)
        stackq_el_set_history(editLine, history)
        stackq_el_set_prompt(editLine, { editLine in LineEditor.owner(of: editLine)?.promptText })
        stackq_el_set_read_function(editLine, { editLine, character in
            guard let editor = LineEditor.owner(of: editLine), let character else { return -1 }
            return editor.readCharacter(into: character)
        })
        stackq_el_add_function(editLine, "stackq-complete", "Complete the word before the cursor", { editLine, _ in
            LineEditor.owner(of: editLine)?.complete() ?? UInt8(CC_ERROR)
        })
        stackq_el_bind(editLine, "^I", "stackq-complete")
        stackq_el_bind(editLine, "^R", "em-inc-search-prev")
        stackq_el_bind(editLine, "^W", "ed-delete-prev-word")
        stackq_el_bind(editLine, "\\e[1;5D", "ed-prev-word")
        stackq_el_bind(editLine, "\\e[1;5C", "em-next-word")
        // The user's ~/.editrc comes last, so it can change any of the above.
        el_source(editLine, nil)
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptText)
    }

    /// Sets what Tab calls: the text of the statement before the cursor (earlier lines included) and the rest
    /// of the current line after it.
    func setCompleter(_ completer: @escaping @Sendable (_ before: String, _ after: String) -> Completion) {
        queue.sync { self.completer = completer }
    }

    /// Reads one line after `prompt`. `context` is the unfinished statement typed on earlier lines (for completion).
    func readLine(prompt: String, context: String) async -> Input {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.readLineNow(prompt: prompt, context: context))
            }
        }
    }

    /// Makes `entry` the newest history entry (a multi-line statement is one entry).
    func addHistory(_ entry: String) {
        queue.async { _ = stackq_history_enter(self.history, entry) }
    }

    private func readLineNow(prompt: String, context: String) -> Input {
        free(promptText)
        promptText = strdup(prompt)
        completionContext = context
        interrupted = false
        el_resize(editLine)
        var count: Int32 = 0
        let line = el_gets(editLine, &count)
        if interrupted {
            FileHandle.standardError.write(Data("\n".utf8))
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    // MARK: Called by libedit, on `queue`

    private static func owner(of editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = stackq_el_client_data(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// libedit's read function: the next character typed, 0 at end of input, -1 on Ctrl-C (which makes `el_gets`
    /// return at once, the line dropped). A resize is handled here and reading goes on.
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var state = mbstate_t()
        while true {
            var descriptors = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if descriptors[1].revents & Int16(POLLIN) != 0 {
                var byte: UInt8 = 0
                guard read(wakeDescriptor, &byte, 1) == 1 else { continue }
                if byte == ShellInterrupts.interruptByte {
                    // With NOFLSH the kernel keeps what was typed before Ctrl-C: drop it, as the line is dropped.
                    tcflush(inputDescriptor, TCIFLUSH)
                    interrupted = true
                    return -1
                }
                if byte == ShellInterrupts.resumeByte {
                    stackq_el_resume(editLine)
                } else {
                    el_resize(editLine)
                }
                continue
            }
            guard descriptors[0].revents != 0 else { continue }
            var byte: CChar = 0
            let count = read(inputDescriptor, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            var decoded: wchar_t = 0
            let used = mbrtowc(&decoded, &byte, 1, &state)
            // mbrtowc answers (size_t)-2 for an incomplete sequence and (size_t)-1 for an invalid one.
            if used == -2 { continue }
            if used == -1 {
                // Not valid in the locale's encoding: pass the byte on as it is.
                state = mbstate_t()
                decoded = wchar_t(UInt8(bitPattern: byte))
            }
            character.pointee = decoded
            return 1
        }
    }

    /// Tab: one candidate is inserted whole; several insert their common prefix, or are listed when there is none
    /// to add; none beeps.
    private func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let before = LineEditor.text(from: info.buffer, to: info.cursor)
        let after = LineEditor.text(from: info.cursor, to: info.lastchar)
        let completion = completer(completionContext.isEmpty ? before : completionContext + "\n" + before, after)
        guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let insertion: String
        if completion.candidates.count == 1, let only = completion.candidates.first {
            insertion = only.hasSuffix(".") || only.hasSuffix("/") ? only : only + " "
        } else {
            insertion = Completion.commonPrefix(of: completion.candidates)
        }
        if insertion.count > completion.word.count || (completion.candidates.count == 1 && insertion != completion.word) {
            el_deletestr(editLine, Int32(completion.word.unicodeScalars.count))
            _ = el_insertstr(editLine, insertion)
            return UInt8(CC_REFRESH)
        }
        // Listed like file names: without the part of the dotted name all of them share.
        let shared = completion.word.lastIndex(of: ".").map { completion.word.distance(from: completion.word.startIndex, to: $0) + 1 } ?? 0
        let shown = completion.candidates.map { String($0.dropFirst(shared)) }
        let width = TerminalSize.current(STDERR_FILENO)?.columns ?? 80
        FileHandle.standardError.write(Data(("\n" + Completion.columns(shown, width: width)).utf8))
        return UInt8(CC_REDISPLAY)
    }

    private static func text(from start: UnsafePointer<CChar>?, to end: UnsafePointer<CChar>?) -> String {
        guard let start, let end, end > start else { return "" }
        let bytes = UnsafeRawBufferPointer(start: start, count: end - start)
        return String(decoding: bytes, as: UTF8.self)
    }
}
