import ArgumentParser

/// `--registry DIR`, shared by the root command and its subcommands. ArgumentParser lets a parent command's
/// options appear after a subcommand's name and gives their values to the parent, so `stackq emulator
/// --registry DIR` reaches the emulator only through this one group, decoded once for both.
package struct RegistryOption: ParsableArguments {
    package init() {}

    @Option(name: .customLong("registry"), help: "The registry folder (default: STACKQ_REGISTRY, else the bundled providers/).")
    package var path: String?
}
