import ArgumentParser
import Foundation
import Transcript

/// `--redact` and `--redact-rules`, shared by render, transcript and summary.
struct RedactionOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(
        "Remove personal data and secrets before anything is written or printed: field engineers' names, e-mails and phones, e-mail addresses, phone numbers (+CC …, (NNN) NNN-NNNN, NNN-NNN-NNNN), JSON Web Tokens, Bearer tokens, connection-string keys and passwords, SAS sig=, GitHub and sk- tokens, 32-hex keys after key/api-key. Each value becomes a stable label such as [redacted email 1]; each report says which rules fired."))
    var redact = false

    @Option(name: .customLong("redact-rules"), help: ArgumentHelp(
        "JSON or YAML file of extra rules (implies --redact): {\"rules\": [{\"name\": …, \"label\": …, \"pattern\": regex | \"key_path\": a.b}]}. See README.md.",
        valueName: "file"))
    var rulesFile: String?

    /// The redactor to apply, or nil without --redact.
    func redactor() throws -> Redactor? {
        guard redact || rulesFile != nil else { return nil }
        guard let rulesFile else { return Redactor() }
        guard let data = FileManager.default.contents(atPath: rulesFile) else {
            throw ValidationError("--redact-rules \(rulesFile): cannot be read")
        }
        do {
            return Redactor(rules: RedactionRules.builtIn.adding(try RuleFile.parse([UInt8](data))))
        } catch {
            throw ValidationError("--redact-rules \(rulesFile): \(error)")
        }
    }
}
