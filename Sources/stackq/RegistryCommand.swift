import StackQCommandLine
import ArgumentParser
import Foundation
import StackQ

/// `stackq registry …`: inspect the provider registry and import Google Discovery documents into one.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Inspect the provider registry or import Google Discovery documents.",
        subcommands: [List.self, ImportDiscovery.self])

    /// Writes `message` to stderr and returns the exit code to throw.
    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode.failure
    }

    /// `stackq registry list`: the providers and versions of the registry.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the providers and versions in the registry.")

        @OptionGroup var registryOption: RegistryOption
        /// `--registry`.
        var registry: String? { registryOption.path }

        func run() throws {
            do {
                let root = try RegistryLocator.locate(explicitPath: registry)
                let table = try Registry(root: root).registryList()
                StandardStreams.writeError("registry: \(root.standardizedFileURL.path)\n")
                // The same rendering as `REGISTRY LIST`.
                let formatter = ResultFormatter(format: .table, maximumCellWidth: isatty(STDOUT_FILENO) == 1 ? 100 : Int.max)
                StandardStreams.writeOut(formatter.format(ResultSet(columnNames: table.columns, textRows: table.rows)))
            } catch let error as RegistryError {
                throw RegistryCommand.failure(error.description)
            }
        }
    }

    /// `stackq registry import-discovery DOC.json… --out DIR [--overlays DIR]`.
    struct ImportDiscovery: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-discovery",
            abstract: "Import Google Discovery documents as the google provider of a registry folder.",
            discussion: """
                Writes DIR/src/google/v00.00.00000/services/<service>.json and adds the services to that \
                folder's provider.yaml. Overlays (OVERLAYS/google/<service>.json) add or replace methods; \
                by default DIR/overlays is used when it exists.
                """)

        @Argument(help: "Google Discovery documents (JSON).")
        var documents: [String]

        @Option(name: .long, help: "The registry folder to write into.")
        var out: String

        @Option(name: .long, help: "The overlays folder (default: <out>/overlays when it exists).")
        var overlays: String?

        @Flag(name: .long, help: "Load every imported service back and check its methods and tables.")
        var verify = false

        @Flag(name: .long, help: "Write gzip-compressed service documents (<service>.json.gz) and provider.json, as the bundled registry ships.")
        var gzip = false

        func validate() throws {
            if documents.isEmpty { throw ValidationError("give at least one Discovery document") }
        }

        func run() throws {
            let outputRoot = URL(fileURLWithPath: out)
            var overlaysDirectory = overlays.map { URL(fileURLWithPath: $0) }
            if overlaysDirectory == nil {
                let candidate = outputRoot.appendingPathComponent("overlays")
                if FileManager.default.fileExists(atPath: candidate.path) { overlaysDirectory = candidate }
            }
            let summary: ImportSummary
            do {
                summary = try DiscoveryImporter.importDocuments(documents.map { URL(fileURLWithPath: $0) },
                                                                into: outputRoot, overlaysDirectory: overlaysDirectory,
                                                                verify: verify, compress: gzip)
            } catch let error as RegistryError {
                throw RegistryCommand.failure(error.description)
            }
            print(summary.report)
            if !summary.failures.isEmpty { throw ExitCode.failure }
        }
    }
}
