/// Names compared without their word breaks: StackQL's google provider and stackq's importer split some names into
/// words differently (`processgithub_enterprise_webhook` and `process_git_hub_enterprise_webhook`,
/// `reports_ia_cvalidation_report` and `reports_ia_c_validation_report`, `well-known` and `well_known`), so a name
/// that matches no name as written is matched by its letters and digits alone.
enum LooseName {
    /// The name lower-cased without `_` and `-` (`git_hub-installations` → `githubinstallations`).
    static func key(_ name: some StringProtocol) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// True when `name`, or a tail of it that starts after one of its `_`, is `spelling` without word breaks:
    /// `projects_connections_process_git_hub_webhook` is spelled `processgithub_webhook` and
    /// `projects_connections_processgithub_webhook`, but not `ocessgithub_webhook`.
    static func name(_ name: String, endsWith spelling: String) -> Bool {
        let target = key(spelling)
        guard !target.isEmpty else { return false }
        if key(name) == target { return true }
        var tail = name[...]
        while let underscore = tail.firstIndex(of: "_") {
            tail = tail[tail.index(after: underscore)...]
            if key(tail) == target { return true }
        }
        return false
    }
}
