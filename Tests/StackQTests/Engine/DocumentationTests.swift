import Foundation
import Testing

/// Every public declaration of the library targets has a doc comment (the DocC reference is complete).
@Suite struct DocumentationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Protocol requirements whose meaning the protocol documents (`description`, `==`, iterators).
    static let inherited = ["var description", "var errorDescription", "var debugDescription", "func hash(into",
                            "static func ==", "func makeAsyncIterator", "func next()", "func log(level",
                            "subscript(metadataKey"]

    static func undocumented(in folder: String) throws -> [String] {
        let root = repository.appendingPathComponent(folder)
        var found: [String] = []
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        for case let file as URL in files where file.pathExtension == "swift" {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                let declaration = trimmed.replacingOccurrences(of: #"^(@\w+(\([^)]*\))?\s+)*"#, with: "", options: .regularExpression)
                guard declaration.hasPrefix("public "), !declaration.hasPrefix("public extension"),
                      !declaration.contains(" case "), !inherited.contains(where: { declaration.contains($0) }) else { continue }
                var previous = index - 1
                while previous >= 0, lines[previous].trimmingCharacters(in: .whitespaces).hasPrefix("@") { previous -= 1 }
                let above = previous >= 0 ? lines[previous].trimmingCharacters(in: .whitespaces) : ""
                if !above.hasPrefix("///") && !above.hasSuffix("*/") {
                    found.append("\(folder)/\(file.lastPathComponent):\(index + 1): \(trimmed)")
                }
            }
        }
        return found
    }

    @Test(arguments: ["Sources/StackQ", "Sources/StackQEmulator", "Sources/StackQTesting"])
    func everyPublicDeclarationHasADocComment(_ folder: String) throws {
        let missing = try Self.undocumented(in: folder)
        #expect(missing.isEmpty, "undocumented public declarations:\n\(missing.joined(separator: "\n"))")
    }
}
