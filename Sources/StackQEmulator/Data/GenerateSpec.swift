import Foundation
/// How many resources ``Emulator/generate(_:)`` makes, and where.
///
/// Written `sessions=10000,jobs=0,projects=1,locations=1`. Projects are named `demo`, `demo-2`, …; locations
/// are taken in order from `us-central1, europe-west1, us-east1, asia-east1, europe-west4, us-west1,
/// asia-northeast1, southamerica-east1` (then `region-9`, …). Item `i` goes to project `i % projects` and location
/// `(i / projects) % locations`; sessions are `session-00001`, … and jobs numbered from 1000000001.
public struct GenerateSpec: Sendable, Hashable, CustomStringConvertible {
    /// How many Dataproc sessions to make (`sessions=N`).
    public var sessions: Int
    /// How many Vertex AI notebook execution jobs to make (`jobs=N`).
    public var notebookExecutionJobs: Int
    /// How many projects the items are spread over (`projects=N`); the initializers make it at least 1.
    public var projects: Int
    /// How many locations per project the items are spread over (`locations=N`); the initializers make it at least 1.
    public var locations: Int

    /// A spec of these counts; `projects` and `locations` below 1 count as 1.
    public init(sessions: Int = 0, notebookExecutionJobs: Int = 0, projects: Int = 1, locations: Int = 1) {
        self.sessions = sessions
        self.notebookExecutionJobs = notebookExecutionJobs
        self.projects = max(1, projects)
        self.locations = max(1, locations)
    }

    /// Parses `key=value` pairs separated by commas; keys `sessions`, `jobs`, `projects`, `locations`.
    ///
    /// - Throws: ``GenerateSpecError`` naming the part it cannot read.
    public init(parsing text: String) throws {
        self.init()
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let value = Int(pair[1]), value >= 0 else {
                throw GenerateSpecError(text: text, part: String(part))
            }
            switch pair[0] {
            case "sessions": sessions = value
            case "jobs", "notebookExecutionJobs", "notebook_execution_jobs": notebookExecutionJobs = value
            case "projects": projects = max(1, value)
            case "locations": locations = max(1, value)
            default: throw GenerateSpecError(text: text, part: String(part))
            }
        }
    }

    public var description: String {
        "sessions=\(sessions),jobs=\(notebookExecutionJobs),projects=\(projects),locations=\(locations)"
    }

    static let locationNames = [
        "us-central1", "europe-west1", "us-east1", "asia-east1", "europe-west4", "us-west1", "asia-northeast1",
        "southamerica-east1",
    ]

    static func project(_ index: Int) -> String { index == 0 ? "demo" : "demo-\(index + 1)" }

    static func location(_ index: Int) -> String {
        index < locationNames.count ? locationNames[index] : "region-\(index + 1)"
    }
}
