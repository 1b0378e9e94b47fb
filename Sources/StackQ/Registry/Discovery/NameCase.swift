/// Naming rules shared by the Discovery importer: camelCase to snake_case.
enum NameCase {
    /// `notebookExecutionJobs` → `notebook_execution_jobs`, `getIAMPolicy` → `get_iam_policy`;
    /// dots, dashes and spaces become underscores.
    static func snake(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character == "." || character == "-" || character == " " || character == "/" {
                if !result.hasSuffix("_") { result.append("_") }
                continue
            }
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord = previous.isLowercase || previous.isNumber
                    || (previous.isUppercase && (next?.isLowercase ?? false))
                if startsWord, !result.hasSuffix("_"), !result.isEmpty { result.append("_") }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }

    /// The singular of a collection name, in snake_case: `serviceAccounts` → `service_account`,
    /// `workloadIdentityPools` → `workload_identity_pool`, `policies` → `policy`, `indexes` → `index`.
    static func singular(_ name: String) -> String {
        let snake = snake(name)
        for (plural, single) in [("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")]
        where snake.hasSuffix(plural) {
            return String(snake.dropLast(plural.count)) + single
        }
        if snake.hasSuffix("s"), !snake.hasSuffix("ss") { return String(snake.dropLast()) }
        return snake
    }

    /// The plural of a snake_case name's last word, as collections are named: `key_string` → `key_strings`,
    /// `policy` → `policies`, `address` → `addresses`; a word that is already plural (ends in `s`) or has none
    /// (`info`, `metadata`, `data`) is kept.
    static func plural(_ name: String) -> String {
        if name.hasSuffix("s") || name.hasSuffix("info") || name.hasSuffix("data") { return name }
        if name.hasSuffix("y"), let before = name.dropLast().last, !"aeiou".contains(before) {
            return name.dropLast() + "ies"
        }
        if name.hasSuffix("x") || name.hasSuffix("ch") || name.hasSuffix("sh") { return name + "es" }
        return name + "s"
    }

    /// The first letter upper-cased (`autoscaling_policies` → `Autoscaling_policies`), as StackQL titles resources.
    static func title(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.uppercased() + name.dropFirst()
    }
}
