import Foundation
import NIOCore
import Synchronization

/// The one redaction step between every text from outside (server bodies, transport errors, messages) and the
/// user: every credential value the engine holds is replaced by `<redacted>`, and so is anything shaped like one
/// (`Bearer …`, `"access_token": "…"`, a PEM private key), whether or not the engine knows it.
///
/// A registered secret is found whole, and so is every fragment of it of 16 bytes or more, as written, in base64
/// or base64url, JSON-escaped (`1\/\/0g…`, `\u0079…`), percent-encoded, as HTML character references, or split
/// over lines (``SecretIndex``, ``DecodedText``).
///
/// Credential sources ``register(_:)`` each secret as soon as they hold it (a signed JWT assertion before it is
/// sent); errors, warnings and dry-run output pass through ``redact(_:)`` before they leave the engine, response
/// bodies through ``redactSecrets(in:)`` before their rows are stored, and the CLI redacts whatever it prints to
/// stderr.
///
/// ```swift
/// let redactor = Redactor()
/// redactor.register("ya29.a0AfH6SMB…")
/// redactor.redact("401: token ya29.a0AfH6SMB… expired")   // "401: token <redacted> expired"
/// ```
package final class Redactor: Sendable {
    /// Secrets shorter than this are not registered: replacing every `demo` in a message would hide the message.
    public static let minimumSecretLength = 8
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"
    private static let placeholderBytes = Array(placeholder.utf8)

    private let secrets = Mutex<SecretIndex>(SecretIndex())

    /// A redactor that knows no secret yet; it hides text shaped like a credential from the start.
    public init() {}

    /// Remembers a secret (a token, a key, a refresh token, a client secret) so that no text shows it.
    /// Surrounding white space is ignored; secrets shorter than ``minimumSecretLength`` are not recorded.
    public func register(_ secret: String) {
        let trimmed = secret.trimmingWhitespace()
        guard trimmed.utf8.count >= Redactor.minimumSecretLength else { return }
        secrets.withLock { $0.insert(Array(trimmed.utf8)) }
    }

    /// `text` with every registered secret, and every credential-shaped value, replaced by `<redacted>`.
    public func redact(_ text: String) -> String {
        let index = secrets.withLock { $0 }
        let bytes = Array(text.utf8)
        let redacted = bytes.withUnsafeBytes { index.redacting($0, with: Redactor.placeholderBytes) }
        return Redactor.redactShapes(redacted.map { String(decoding: $0, as: UTF8.self) } ?? text)
    }

    /// A response body with every registered secret (whole, a fragment, in any encoding) replaced by
    /// `<redacted>`; the same buffer when it holds none. Rows stored from it show no secret in any output format.
    package func redactSecrets(in body: ByteBuffer) -> ByteBuffer {
        let index = secrets.withLock { $0 }
        guard !index.isEmpty,
              let redacted = body.withUnsafeReadableBytes({ index.redacting($0, with: Redactor.placeholderBytes) })
        else { return body }
        return ByteBuffer(bytes: redacted)
    }

    /// Replaces values that look like credentials: `Bearer X`, `Basic X`, JSON members named like secrets, and PEM
    /// private key blocks.
    static func redactShapes(_ text: String) -> String {
        var out = text
        for scheme in ["Bearer ", "bearer ", "Basic ", "basic "] {
            out = replaceValues(after: scheme, in: out) { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "," || $0 == "\n" || $0 == "\r" || $0 == "\\" }
        }
        for key in ["access_token", "refresh_token", "id_token", "client_secret", "private_key", "assertion", "token"] {
            for quote in ["\"\(key)\":\"", "\"\(key)\": \"", "\"\(key)\" : \""] {
                out = replaceValues(after: quote, in: out) { $0 == "\"" }
            }
            for form in ["\(key)="] {
                out = replaceValues(after: form, in: out) { $0 == "&" || $0 == " " || $0 == "\n" || $0 == "\"" }
            }
        }
        while let begin = out.range(of: "-----BEGIN"), let keyEnd = out.range(of: "PRIVATE KEY-----", range: begin.upperBound..<out.endIndex) {
            let endMarker = out.range(of: "-----END", range: keyEnd.upperBound..<out.endIndex)
            let stop = endMarker.flatMap { out.range(of: "-----", range: $0.upperBound..<out.endIndex)?.upperBound } ?? out.endIndex
            out.replaceSubrange(begin.lowerBound..<stop, with: Redactor.placeholder)
        }
        return out
    }

    /// Replaces the run of characters after each `marker` up to the first character `isEnd` accepts.
    static func replaceValues(after marker: String, in text: String, isEnd: (Character) -> Bool) -> String {
        guard text.contains(marker) else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            out += rest[..<range.upperBound]
            let valueEnd = rest[range.upperBound...].firstIndex(where: isEnd) ?? rest.endIndex
            let value = rest[range.upperBound..<valueEnd]
            out += value.isEmpty || value == Redactor.placeholder ? String(value) : Redactor.placeholder
            rest = rest[valueEnd...]
        }
        return out + rest
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
