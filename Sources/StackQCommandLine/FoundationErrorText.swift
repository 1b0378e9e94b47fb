import Foundation
import StackQ

/// Foundation's file errors in words ("cannot use /x/y: permission denied"), so that no message a user reads is
/// "The operation could not be completed (NSCocoaErrorDomain error 256)".
package enum FoundationErrorText {
    /// The words for `error` when it is one of Foundation's file errors; nil for any other error.
    package static func describe(_ error: any Error) -> String? {
        let error = error as NSError
        guard error.domain == NSCocoaErrorDomain else { return nil }
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let reason: String
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = BoundedFile.reason(Int32(underlying.code))
        } else {
            switch error.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: reason = "no such file"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: reason = "permission denied"
            case NSFileWriteOutOfSpaceError: reason = "no space left on the device"
            case NSFileWriteVolumeReadOnlyError: reason = "the file system is read-only"
            case NSFileWriteFileExistsError: reason = "it exists already"
            default: reason = "the file could not be \(error.code >= NSFileWriteUnknownError ? "written" : "read")"
            }
        }
        return path.map { "cannot use \($0): \(reason)" } ?? reason
    }
}
