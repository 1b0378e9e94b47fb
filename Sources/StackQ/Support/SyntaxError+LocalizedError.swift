import Foundation
import StackQSyntax

// StackQSyntax does not import Foundation, so the engine gives its errors a localized description here.
extension SyntaxError: LocalizedError {
    public var errorDescription: String? { description }
}
